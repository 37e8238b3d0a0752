/**
 * Comparing two results key by key.
 *
 * <p>Enters: two inputs, each a snapshot folder or an {@code analyze --format json} report, read into
 * {@link io.netspectra.diff.KeyedCounts}. Leaves: a {@link io.netspectra.diff.DiffResult} (keys added, removed,
 * changed beyond the tolerance, largest first) rendered as text, JSON or JUnit XML. Runs on the main thread.
 */
package io.netspectra.diff;
