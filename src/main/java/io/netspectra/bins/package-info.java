/**
 * Time bins: per flows task, a time series of packets and bytes per key in bins of a fixed length aligned to
 * multiples of it in packet time ({@code [k*bin, (k+1)*bin)}), and each key's peak bin.
 *
 * <p>Enters: every IP record in read order and the window ends, through {@link io.netspectra.bins.TimeBins} as a
 * {@link io.netspectra.pipeline.OrderedConsumer}. Leaves: per window and task a {@code bins.nss} file (through
 * {@link io.netspectra.store.RunWriter#writeTaskFile}); at the end of the run, per task a
 * {@link io.netspectra.bins.BinnedTask}: the peak bin of every key and, when asked for, the whole series.
 *
 * <p>Threads: everything runs on the pipeline's one {@code ns-ordered} thread, so nothing here locks. The results
 * are read by the caller after {@code Pipeline.run} returns (that thread has been joined). Only the open bin has
 * per-bin state; a closed bin leaves it at once, as rows of the window's file (dropped once written) and, when the
 * report prints series, as packed rows of the series.
 */
package io.netspectra.bins;
