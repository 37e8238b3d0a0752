package io.netspectra.decode;

import io.netspectra.capture.Frame;

/**
 * A reusable batch of decoded IP packet records, stored as primitive columns so that filling and reading it
 * allocates nothing.
 *
 * <p>Ownership passes whole between threads through the pipeline's queues: the reader fills it, one worker reads it,
 * then it returns to the reader's free pool. The queue hand-off orders the writes before the reads.
 */
public final class PacketBatch {
    private static final int IPV6_FLAG = 1 << 8;
    /** The heap one record's columns take: five longs and four ints. */
    public static final int BYTES_PER_RECORD = 5 * Long.BYTES + 4 * Integer.BYTES;

    private final long[] timestamp;
    private final int[] wireLength;
    private final long[] srcHi;
    private final long[] srcLo;
    private final long[] dstHi;
    private final long[] dstLo;
    private final int[] protoAndFamily;
    private final int[] ports;
    /** Bits 0-7 TCP flags; bits 8-23 ICMP type and code; bit 24 set when the ICMP type and code are present. */
    private final int[] transport;
    private int size;
    private static final int ICMP_PRESENT = 1 << 24;
    private static final int ICMP_SHIFT = 8;

    /** Creates an empty batch that holds up to {@code capacity} records. */
    public PacketBatch(int capacity) {
        timestamp = new long[capacity];
        wireLength = new int[capacity];
        srcHi = new long[capacity];
        srcLo = new long[capacity];
        dstHi = new long[capacity];
        dstLo = new long[capacity];
        protoAndFamily = new int[capacity];
        ports = new int[capacity];
        transport = new int[capacity];
    }

    /** Appends one record; the caller checks {@link #isFull()} first. */
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
