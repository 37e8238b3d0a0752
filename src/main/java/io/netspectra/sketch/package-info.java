/**
 * Approximate answers for keyings too large to hold exactly, beside the exact flow tables: distinct counts per key
 * ({@code distinct:} on a flows task), whole-window distinct counts ({@code type: cardinality}) and the top K keys
 * ({@code type: heavy_hitters}), built on Apache DataSketches (HyperLogLog, frequent items).
 *
 * <p>Enters: {@link io.netspectra.decode.PacketBatch}es in read order and the window cuts, through
 * {@link io.netspectra.sketch.SketchConsumer} (a {@link io.netspectra.pipeline.OrderedConsumer}); stored sketch
 * windows ({@link io.netspectra.store.StoredSketches}) for {@code show}, {@code merge} and {@code check}.
 * Leaves: per window, {@code sketches.nss} files through {@link io.netspectra.store.RunWriter}; per run,
 * {@link io.netspectra.sketch.SketchRows} (estimates with bounds) for the reports and rules.
 *
 * <p>Threads: while a capture is read, everything here runs on the one {@code ns-ordered} thread, so sketches see
 * records in read order and need no locks; results are read by the caller after the pipeline finished. Reading
 * stored sketches back runs on the main thread.
 *
 * <p>Determinism: distinct counts keep a register state that depends only on the set of values seen and are always
 * read through a HyperLogLog union (the composite estimator, independent of insertion order), so window totals merge
 * to exactly what one window would hold. Frequent-items sketches depend on order and on where purges fall, so the run
 * total of a heavy-hitters task is a second sketch fed record by record in read order, never a merge of windows.
 */
package io.netspectra.sketch;
