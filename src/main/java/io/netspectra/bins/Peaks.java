package io.netspectra.bins;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.KeyIds;

/**
 * Every key's peak bin over a run: the bin with the most bytes, the earliest among equals. Looked up by a row's
 * packed key. Immutable once built; handed from the ordered thread to the caller after the pipeline has joined it.
 */
public final class Peaks {
    private final KeyIds index;
    private final long[] start;
    private final long[] packets;
    private final long[] bytes;

    Peaks(KeyIds index, long[] start, long[] packets, long[] bytes) {
        this.index = index;
        this.start = start;
        this.packets = packets;
        this.bytes = bytes;
    }

    /** Returns the number of keys (ids run from 0 to size - 1). */
    public int size() {
        return start.length;
    }

    /** Returns the id of row {@code r}'s key (rows of the same task), or -1 when no bin counted it. */
    public int find(FlowRows rows, int r) {
        if (rows.width() != index.width()) {
            throw new IllegalArgumentException("key width " + rows.width() + ", expected " + index.width());
        }
        int id = index.find(rows.keys(), r * rows.width());
        return id >= 0 && packets[id] > 0 ? id : -1;
    }

    /** Returns the peak bin's start, ns since the epoch. */
    public long start(int id) {
        return start[id];
    }

    /** Returns the packets in the peak bin. */
    public long packets(int id) {
        return packets[id];
    }

    /** Returns the bytes (wire length) in the peak bin. */
    public long bytes(int id) {
        return bytes[id];
    }
}
