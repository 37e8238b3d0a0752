/**
 * Connections: bidirectional flow records with a lifecycle, as Zeek, YAF and nfdump write them.
 *
 * <p>Enters: every IP record in read order (a {@link io.netspectra.decode.PacketBatch}: five-tuple, time, wire
 * length, TCP flags, ICMP type/code) and the window marks, through {@link io.netspectra.connections.ConnectionTracker},
 * a {@link io.netspectra.pipeline.OrderedConsumer}; the task's timeouts from its
 * {@link io.netspectra.config.ConnectionOptions}. Leaves: at each window mark, the connections that ended in the
 * window as {@link io.netspectra.connections.ConnectionRows} (canonical order) to a sink, which writes
 * {@code connections.nss} and feeds a {@link io.netspectra.connections.ConnectionCollector} for the report
 * ({@link io.netspectra.connections.ConnectionSummary}). {@link io.netspectra.connections.CommunityId} computes
 * Community ID v1 when a row is printed.
 *
 * <p>Threads: the tracker and its sink run only on the one {@code ns-ordered} thread; the collector is read after
 * the run, once that thread has been joined. Rows are immutable once built.
 */
package io.netspectra.connections;
