package io.netspectra.store;

import io.netspectra.connections.ConnectionRows;

/**
 * One connections task's records that ended in one window, as written to or read from a {@code connections.nss}
 * file.
 *
 * @param windowStart window start, ns since the epoch
 * @param windowEnd   window end (exclusive), ns since the epoch
 * @param rows        the connections, with their task (name and timeouts)
 */
public record StoredConnections(long windowStart, long windowEnd, ConnectionRows rows) {
}
