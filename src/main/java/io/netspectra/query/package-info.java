/**
 * Questions asked of stored snapshots: which windows (time range), which task, which keys ({@code --where}
 * expressions), in which order.
 *
 * <p>Enters: {@link io.netspectra.store.StoredWindow}s read by the store, and the user's expression, time and size
 * texts. Leaves: {@link io.netspectra.query.SummedTask}s (one task's flows summed over the selected windows) and row
 * orders for the report renderers; {@link io.netspectra.query.StoredSeries} joins stored time bins
 * ({@link io.netspectra.store.StoredBins}) per task for {@code show --bins}. Bad user text is a {@code ConfigException} (exit 2). Runs on the main thread.
 */
package io.netspectra.query;
