package io.netspectra.decode;

import io.netspectra.capture.Frame;

import java.util.Arrays;

/**
 * A reusable batch of decoded IP packet records, stored as primitive columns so that filling and reading it
 * allocates nothing once the batch has grown to its capacity.
 *
 * <p>Ownership passes whole between threads through the pipeline's queues: the reader fills it, one worker reads it,
 * then it returns to the reader's free pool. The queue hand-off orders the writes before the reads.
 */
public final class PacketBatch {
    private static final int IPV6_FLAG = 1 << 8;
    /** The heap one record's columns take: five longs and four ints. */
    public static final int BYTES_PER_RECORD = 5 * Long.BYTES + 4 * Integer.BYTES;

    /** The most records the batch grows to hold. */
    private final int capacity;
    private long[] timestamp;
    private int[] wireLength;
    private long[] srcHi;
    private long[] srcLo;
    private long[] dstHi;
    private long[] dstLo;
    private int[] protoAndFamily;
    private int[] ports;
    /** Bits 0-7 TCP flags; bits 8-23 ICMP type and code; bit 24 set when the ICMP type and code are present. */
    private int[] transport;
    private int size;
    private static final int ICMP_PRESENT = 1 << 24;
    private static final int ICMP_SHIFT = 8;

    /** Creates an empty batch that holds up to {@code capacity} records, with room for all of them from the start. */
    public PacketBatch(int capacity) {
        this(capacity, capacity);
    }

    /**
     * Creates an empty batch that holds up to {@code capacity} records, with room for {@code initial} of them at first
     * (at least one unless the capacity is 0, at most {@code capacity}); {@link #grow} makes more. A short capture
     * then fills a batch of the size it needs, not one sized for millions of records.
     */
    public PacketBatch(int capacity, int initial) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative batch capacity " + capacity);
        }
        this.capacity = capacity;
        allocate(Math.min(capacity, Math.max(1, initial)));
    }

    private void allocate(int room) {
        timestamp = new long[room];
        wireLength = new int[room];
        srcHi = new long[room];
        srcLo = new long[room];
        dstHi = new long[room];
        dstLo = new long[room];
        protoAndFamily = new int[room];
        ports = new int[room];
        transport = new int[room];
    }

    /**
     * Doubles the room (up to the capacity), keeping the records; returns false, changing nothing, when the batch
     * already has room for its capacity. Called when {@link #isFull()}, off the per-record path.
     */
    public boolean grow() {
        int room = timestamp.length;
        if (room >= capacity) {
            return false;
        }
        int grown = (int) Math.min(capacity, 2L * room);
        timestamp = Arrays.copyOf(timestamp, grown);
        wireLength = Arrays.copyOf(wireLength, grown);
        srcHi = Arrays.copyOf(srcHi, grown);
        srcLo = Arrays.copyOf(srcLo, grown);
        dstHi = Arrays.copyOf(dstHi, grown);
        dstLo = Arrays.copyOf(dstLo, grown);
        protoAndFamily = Arrays.copyOf(protoAndFamily, grown);
        ports = Arrays.copyOf(ports, grown);
        transport = Arrays.copyOf(transport, grown);
        return true;
    }

    /** Returns the most records the batch grows to hold. */
    public int capacity() {
        return capacity;
    }

    /** Returns how many records the batch has room for now, without growing. */
    public int room() {
        return timestamp.length;
    }

    /** Appends one record; the caller checks {@link #isFull()} (and {@link #grow()}s or hands the batch on) first. */
    public void add(DecodedPacket p, long timestampNanos, int wireBytes) {
        int i = size++;
        timestamp[i] = timestampNanos;
        wireLength[i] = wireBytes;
        srcHi[i] = p.srcHi;
        srcLo[i] = p.srcLo;
        dstHi[i] = p.dstHi;
        dstLo[i] = p.dstLo;
        protoAndFamily[i] = p.protocol | (p.ipv6 ? IPV6_FLAG : 0);
        ports[i] = p.srcPort << 16 | p.dstPort;
        transport[i] = p.tcpFlags | (p.icmpTypeCode < 0 ? 0 : ICMP_PRESENT | p.icmpTypeCode << ICMP_SHIFT);
    }

    /** Returns whether the batch has no room for another record without {@link #grow()}ing. */
    public boolean isFull() {
        return size == timestamp.length;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    /** Returns the record's timestamp in nanoseconds, or {@link Frame#NO_TIMESTAMP}. */
    public long timestamp(int i) {
        return timestamp[i];
    }

    public int wireLength(int i) {
        return wireLength[i];
    }

    public long srcHi(int i) {
        return srcHi[i];
    }

    public long srcLo(int i) {
        return srcLo[i];
    }

    public long dstHi(int i) {
        return dstHi[i];
    }

    public long dstLo(int i) {
        return dstLo[i];
    }

    public boolean ipv6(int i) {
        return (protoAndFamily[i] & IPV6_FLAG) != 0;
    }

    public int protocol(int i) {
        return protoAndFamily[i] & 0xFF;
    }

    public int srcPort(int i) {
        return ports[i] >>> 16;
    }

    public int dstPort(int i) {
        return ports[i] & 0xFFFF;
    }

    /** Returns the record's TCP flags byte (0 when not TCP or not captured); see {@link DecodedPacket#tcpFlags}. */
    public int tcpFlags(int i) {
        return transport[i] & 0xFF;
    }

    /** Returns ICMP/ICMPv6 {@code type << 8 | code}, or {@link DecodedPacket#NO_ICMP}. */
    public int icmpTypeCode(int i) {
        int t = transport[i];
        return (t & ICMP_PRESENT) == 0 ? DecodedPacket.NO_ICMP : (t >>> ICMP_SHIFT) & 0xFFFF;
    }
}
