/**
 * Windows and the consistent cut.
 *
 * <p>Enters: a cut request, from the reader thread (capture clock, at a window boundary, after the pipeline has
 * drained) or from the wall-clock ticker thread. Leaves: {@link io.netspectra.snapshot.WindowSnapshot}s handed to the
 * one {@link io.netspectra.snapshot.SnapshotWriterThread}, which packs them into rows (a derived task's from its
 * source task's rows, {@link io.netspectra.aggregate.Derivation}), adds them to the run totals and writes them
 * through {@code store}, off the packet path.
 *
 * <p>Threads: workers hold the cut lock's read side while they aggregate a batch; a cut takes the write side, so it
 * swaps all stripes of all tasks between batches, never inside one.
 */
package io.netspectra.snapshot;
