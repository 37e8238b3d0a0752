package io.netspectra.connections;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.config.TaskSpec;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Ended connections of one task, packed {@link #WORDS} longs per row. Immutable by convention once built; rows
 * cross from the ordered thread to the snapshot files and the report.
 *
 * <pre>
 * word  0, 1  originator address high, low (IPv4: 0, address in the low 32 bits)
 * word  2, 3  responder address high, low
 * word  4     as a five-tuple key's last word (KeyLayout): bits 0-7 Protocol, 8-23 originator port,
 *             24-39 responder port, bit 40 IPv6
 * word  5, 6  first and last packet time, ns since the epoch
 * word  7, 8  originator to responder packets, bytes
 * word  9, 10 responder to originator packets, bytes
 * word 11     bits 0-7 TCP flags the originator sent (OR), 8-15 the responder's, 16-19 end reason (ordinal),
 *             bit 20 ICMP type/code present, 24-39 ICMP type << 8 | code of the first ICMP packet
 * </pre>
 */
public record ConnectionRows(TaskSpec task, int size, long[] words) {
    public static final int WORDS = 12;
    static final int ORIG_HI = 0;
    static final int ORIG_LO = 1;
    static final int RESP_HI = 2;
    static final int RESP_LO = 3;
    static final int KEY = 4;
    static final int FIRST = 5;
    static final int LAST = 6;
    static final int ORIG_PACKETS = 7;
    static final int ORIG_BYTES = 8;
    static final int RESP_PACKETS = 9;
    static final int RESP_BYTES = 10;
    static final int INFO = 11;
    static final int REASON_SHIFT = 16;
    static final long ICMP_PRESENT = 1L << 20;
    static final int ICMP_SHIFT = 24;
    private static final int IPV6_BIT = 40;

    public ConnectionRows {
        if (words.length < (long) size * WORDS) {
            throw new IllegalArgumentException("rows " + size + " need " + size * WORDS + " words");
        }
    }

    /** Returns no rows of {@code task}. */
    public static ConnectionRows empty(TaskSpec task) {
        return new ConnectionRows(task, 0, new long[0]);
    }

    private long w(int row, int word) {
        return words[row * WORDS + word];
    }

    public boolean ipv6(int r) {
        return (w(r, KEY) >>> IPV6_BIT & 1) != 0;
    }

    public long origHi(int r) {
        return w(r, ORIG_HI);
    }

    public long origLo(int r) {
        return w(r, ORIG_LO);
    }

    public long respHi(int r) {
        return w(r, RESP_HI);
    }

    public long respLo(int r) {
        return w(r, RESP_LO);
    }

    public int protocol(int r) {
        return (int) (w(r, KEY) & 0xFF);
    }

    public int origPort(int r) {
        return (int) (w(r, KEY) >>> 8 & 0xFFFF);
    }

    public int respPort(int r) {
        return (int) (w(r, KEY) >>> 24 & 0xFFFF);
    }

    public long first(int r) {
        return w(r, FIRST);
    }

    public long last(int r) {
        return w(r, LAST);
    }

    public long duration(int r) {
        return last(r) - first(r);
    }

    public long origPackets(int r) {
        return w(r, ORIG_PACKETS);
    }

    public long origBytes(int r) {
        return w(r, ORIG_BYTES);
    }

    public long respPackets(int r) {
        return w(r, RESP_PACKETS);
    }

    public long respBytes(int r) {
        return w(r, RESP_BYTES);
    }

    public long packets(int r) {
        return origPackets(r) + respPackets(r);
    }

    public long bytes(int r) {
        return origBytes(r) + respBytes(r);
    }

    public int origFlags(int r) {
        return (int) (w(r, INFO) & 0xFF);
    }

    public int respFlags(int r) {
        return (int) (w(r, INFO) >>> 8 & 0xFF);
    }

    public EndReason reason(int r) {
        return EndReason.values()[(int) (w(r, INFO) >>> REASON_SHIFT & 0xF)];
    }

    /** Returns the first ICMP packet's {@code type << 8 | code}, or -1. */
    public int icmpTypeCode(int r) {
        long info = w(r, INFO);
        return (info & ICMP_PRESENT) == 0 ? -1 : (int) (info >>> ICMP_SHIFT & 0xFFFF);
    }

    /** Returns the Community ID v1 (seed 0) of row {@code r}. */
    public String communityId(int r) {
        return CommunityId.of(ipv6(r), origHi(r), origLo(r), respHi(r), respLo(r), protocol(r), origPort(r),
                respPort(r), icmpTypeCode(r));
    }

    /** Returns the number of rows with each end reason, indexed by ordinal. */
    public long[] reasonCounts() {
        long[] n = new long[EndReason.values().length];
        for (int r = 0; r < size; r++) {
            n[reason(r).ordinal()]++;
        }
        return n;
    }

    /**
     * Returns the rows as five-tuple flow rows (originator as Src; packets and bytes of both directions; first,
     * last) with the per-direction counts attached, so {@code --where}, {@code --sort} and rules work on them.
     */
    public FlowRows asFlowRows() {
        long[] keys = new long[size * 5];
        long[] stats = new long[size * 4];
        long[] dirs = new long[size * 4];
        for (int r = 0; r < size; r++) {
            System.arraycopy(words, r * WORDS, keys, r * 5, 5);
            stats[r * 4] = packets(r);
            stats[r * 4 + 1] = bytes(r);
            stats[r * 4 + 2] = first(r);
            stats[r * 4 + 3] = last(r);
            dirs[r * 4] = origPackets(r);
            dirs[r * 4 + 1] = origBytes(r);
            dirs[r * 4 + 2] = respPackets(r);
            dirs[r * 4 + 3] = respBytes(r);
        }
        return new FlowRows(task, 5, size, keys, stats, dirs);
    }

    /** Returns rows {@code order} of these rows, in that order. */
    public ConnectionRows select(int[] order) {
        long[] out = new long[order.length * WORDS];
        for (int i = 0; i < order.length; i++) {
            System.arraycopy(words, order[i] * WORDS, out, i * WORDS, WORDS);
        }
        return new ConnectionRows(task, order.length, out);
    }

    /** Returns every row of {@code parts} (all of one task) in order: {@code task} names the result. */
    public static ConnectionRows concat(TaskSpec task, List<ConnectionRows> parts) {
        long total = 0;
        for (ConnectionRows p : parts) {
            total += p.size;
        }
        long[] out = new long[Math.toIntExact(total * WORDS)];
        int at = 0;
        for (ConnectionRows p : parts) {
            System.arraycopy(p.words, 0, out, at, p.size * WORDS);
            at += p.size * WORDS;
        }
        return new ConnectionRows(task, (int) total, out);
    }

    /**
     * Returns these rows in the canonical stored order: by first time, then originator, responder, key word, last
     * time and the remaining words, so a window's file does not depend on the order connections ended in.
     */
    public ConnectionRows canonical() {
        return select(canonicalOrder(this));
    }

    /** Returns the row indexes of {@code rows} in the order of {@link #canonical()}. */
    public static int[] canonicalOrder(ConnectionRows rows) {
        return rows.canonicalIndexes();
    }

    private int[] canonicalIndexes() {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Comparator<Integer> c = (a, b) -> {
            int x = Long.compare(first(a), first(b));
            for (int k = 0; x == 0 && k < WORDS; k++) {
                x = Long.compareUnsigned(w(a, k), w(b, k));
            }
            return x;
        };
        Arrays.sort(idx, c);
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    /** Builds rows in arrival order. */
    public static final class Builder {
        private final TaskSpec task;
        private long[] words = new long[16 * WORDS];
        private int size;

        public Builder(TaskSpec task) {
            this.task = task;
        }

        /** Appends a row; {@code row} holds {@link #WORDS} words from {@code from}. */
        public void add(long[] row, int from) {
            if ((size + 1) * WORDS > words.length) {
                words = Arrays.copyOf(words, words.length * 2);
            }
            System.arraycopy(row, from, words, size * WORDS, WORDS);
            size++;
        }

        public int size() {
            return size;
        }

        public ConnectionRows build() {
            return new ConnectionRows(task, size, Arrays.copyOf(words, size * WORDS));
        }

        /** Empties the builder, keeping its capacity. */
        public void clear() {
            size = 0;
        }
    }
}
