/**
 * Merging snapshot sets made separately (file by file, machine by machine) into one.
 *
 * <p>Enters: the {@link io.netspectra.store.StoredWindow}s of several snapshot folders. Leaves: one new run folder
 * written with {@link io.netspectra.store.RunWriter}: per window and task the keys' packets and bytes summed, first
 * the minimum, last the maximum; and a {@code manifest.json} naming the sources. Runs on the main thread.
 */
package io.netspectra.merge;
