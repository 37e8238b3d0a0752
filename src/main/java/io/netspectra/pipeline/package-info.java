/**
 * The staged pipeline: one reader thread, a bounded queue of packet batches, a fixed worker pool.
 *
 * <p>Enters: the resolved captures ({@link io.netspectra.capture.CaptureInput}, merged by timestamp in
 * {@code InputMerger}), the configured aggregators and any {@link io.netspectra.pipeline.OrderedConsumer}s; a stop request from any thread (a signal). Leaves:
 * {@link io.netspectra.pipeline.RunStats} (per-input and total counters, from the reader thread) and, through the
 * snapshotter, the windows of every task.
 *
 * <p>Threads: the caller's thread reads, decodes, counts totals and decides capture-clock cuts; {@code N} worker
 * threads aggregate batches; batches circulate reader -> work queue -> worker -> free pool -> reader, so the
 * steady state allocates nothing. A capture-clock cut waits until every batch is back in the pool (all work before
 * the boundary done) before swapping. When ordered consumers are configured, one more thread, {@code ns-ordered},
 * gets every batch in read order and the window marks between them; a batch returns to the pool only after both
 * the workers and that thread are done with it.
 */
package io.netspectra.pipeline;
