package io.netspectra.capture;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads pcapng blocks: every section, every interface with its own link type, time resolution and offset.
 *
 * <pre>
 * Generic block                         Enhanced Packet Block body (type 6)
 * +------------------------------+      +------------------------------+
 * | block type (4)               | 0    | interface id (4)             | 8
 * | block total length (4)       | 4    | timestamp high (4)           | 12
 * | body ...                     | 8    | timestamp low (4)            | 16
 * | block total length (4)       |      | captured length (4)          | 20
 * +------------------------------+      | original length (4)          | 24
 *                                       | packet data, padded to 4     | 28
 * Section Header Block (0x0A0D0D0A)     +------------------------------+
 *   byte-order magic 1A2B3C4D at 8, version at 12, section length at 16, options at 24
 * Interface Description Block (1)       Simple Packet Block (3)
 *   link type (2) at 8, snaplen (4) at 12,   original length (4) at 8, data at 12
 *   options at 16: if_tsresol (9), if_tsoffset (14)
 * Obsolete Packet Block (2)
 *   interface id (2) at 8, drops (2) at 10, timestamp high at 12, low at 16, caplen at 20, len at 24, data at 28
 * </pre>
 *
 * <p>All other blocks are skipped without being buffered. Simple Packet Blocks carry no timestamp.
 */
final class PcapngReader extends RecordReader {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int OBSOLETE_PACKET = 2;
    private static final int SIMPLE_PACKET = 3;
    private static final int ENHANCED_PACKET = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    private static final int BLOCK_TYPE_OFFSET = 0;
    private static final int BLOCK_LENGTH_OFFSET = BLOCK_TYPE_OFFSET + 4;
    private static final int BODY_OFFSET = BLOCK_LENGTH_OFFSET + 4;
    private static final int BLOCK_OVERHEAD = BODY_OFFSET + 4;

    private static final int SHB_MAGIC_OFFSET = BODY_OFFSET;
    private static final int SHB_MIN_LENGTH = 28;

    private static final int IDB_LINK_TYPE_OFFSET = BODY_OFFSET;
    private static final int IDB_SNAPLEN_OFFSET = IDB_LINK_TYPE_OFFSET + 4;
    private static final int IDB_OPTIONS_OFFSET = IDB_SNAPLEN_OFFSET + 4;
    private static final int OPT_END = 0;
    private static final int OPT_IF_TSRESOL = 9;
    private static final int OPT_IF_TSOFFSET = 14;

    private static final int EPB_INTERFACE_OFFSET = BODY_OFFSET;
    private static final int EPB_TS_HIGH_OFFSET = EPB_INTERFACE_OFFSET + 4;
    private static final int EPB_TS_LOW_OFFSET = EPB_TS_HIGH_OFFSET + 4;
    private static final int EPB_CAPLEN_OFFSET = EPB_TS_LOW_OFFSET + 4;
    private static final int EPB_LEN_OFFSET = EPB_CAPLEN_OFFSET + 4;
    private static final int EPB_DATA_OFFSET = EPB_LEN_OFFSET + 4;

    private static final int OPB_INTERFACE_OFFSET = BODY_OFFSET;
    private static final int OPB_TS_HIGH_OFFSET = OPB_INTERFACE_OFFSET + 4;
    private static final int OPB_TS_LOW_OFFSET = OPB_TS_HIGH_OFFSET + 4;
    private static final int OPB_CAPLEN_OFFSET = OPB_TS_LOW_OFFSET + 4;
    private static final int OPB_LEN_OFFSET = OPB_CAPLEN_OFFSET + 4;
    private static final int OPB_DATA_OFFSET = OPB_LEN_OFFSET + 4;

    private static final int SPB_LEN_OFFSET = BODY_OFFSET;
    private static final int SPB_DATA_OFFSET = SPB_LEN_OFFSET + 4;

    /** Blocks this large are buffered whole; larger packet or interface blocks are damage. */
    private static final int MAX_BUFFERED_BLOCK = PcapReader.MAX_CAPLEN + (1 << 20);

    private boolean bigEndian;
    private int interfaceCount;
    private int[] linkTypes = new int[4];
    private int[] snapLengths = new int[4];
    private TimeUnitConverter[] clocks = new TimeUnitConverter[4];

    PcapngReader(ByteSource in) {
        super(in);
    }

    @Override
    public boolean next(Frame frame) {
        while (!stopped()) {
            if (!in.ensure(BODY_OFFSET)) {
                return stop(in.available() == 0 ? null
                        : new Damage(in.offset(), "block header incomplete (" + in.available() + " of 8 bytes)"));
            }
            ByteBuffer b = in.buffer;
            int p = in.position;
            int type = WireOrder.int32(b, p + BLOCK_TYPE_OFFSET, bigEndian);
            if (type == SECTION_HEADER) {
                if (!readSectionHeader()) {
                    return false;
                }
                continue;
            }
            long length = WireOrder.uint32(b, p + BLOCK_LENGTH_OFFSET, bigEndian);
            if (length < BLOCK_OVERHEAD || length % 4 != 0) {
                return stop(new Damage(in.offset(), "block length " + length + " is invalid"));
            }
            if (type == ENHANCED_PACKET || type == SIMPLE_PACKET || type == OBSOLETE_PACKET
                    || type == INTERFACE_DESCRIPTION) {
                if (length > MAX_BUFFERED_BLOCK) {
                    return stop(new Damage(in.offset(), "block length " + length + " exceeds "
                            + MAX_BUFFERED_BLOCK));
                }
                if (!in.ensure((int) length)) {
                    return stop(new Damage(in.offset(), "block runs past end of file (" + length
                            + " bytes claimed, " + in.available() + " present)"));
                }
                if (type == INTERFACE_DESCRIPTION) {
                    if (!readInterface((int) length)) {
                        return false;
                    }
                    continue;
                }
                return readPacket(frame, type, (int) length);
            }
            long start = in.offset();
            if (!in.skip(length)) {
                return stop(new Damage(start, "block runs past end of file (" + length + " bytes claimed)"));
            }
        }
        return false;
    }

    private boolean readSectionHeader() {
        long start = in.offset();
        if (!in.ensure(SHB_MIN_LENGTH)) {
            return stop(new Damage(start, "section header block incomplete"));
        }
        ByteBuffer b = in.buffer;
        int p = in.position;
        int magicBe = WireOrder.int32(b, p + SHB_MAGIC_OFFSET, true);
        if (magicBe == BYTE_ORDER_MAGIC) {
            bigEndian = true;
        } else if (Integer.reverseBytes(magicBe) == BYTE_ORDER_MAGIC) {
            bigEndian = false;
        } else {
            return stop(new Damage(start, String.format("section header byte-order magic 0x%08x is invalid",
                    magicBe)));
        }
        long length = WireOrder.uint32(b, p + BLOCK_LENGTH_OFFSET, bigEndian);
        if (length < SHB_MIN_LENGTH || length % 4 != 0) {
            return stop(new Damage(start, "section header block length " + length + " is invalid"));
        }
        interfaceCount = 0;
        if (!in.skip(length)) {
            return stop(new Damage(start, "section header block runs past end of file"));
        }
        return true;
    }

    private boolean readInterface(int length) {
        ByteBuffer b = in.buffer;
        int p = in.position;
        if (length < IDB_OPTIONS_OFFSET + 4) {
            return stop(new Damage(in.offset(), "interface description block length " + length + " too short"));
        }
        int linkType = WireOrder.uint16(b, p + IDB_LINK_TYPE_OFFSET, bigEndian);
        int snapLength = WireOrder.int32(b, p + IDB_SNAPLEN_OFFSET, bigEndian);
        int resolution = 6;
        long offsetSeconds = 0;
        int opt = p + IDB_OPTIONS_OFFSET;
        int end = p + length - 4;
        while (opt + 4 <= end) {
            int code = WireOrder.uint16(b, opt, bigEndian);
            int optLength = WireOrder.uint16(b, opt + 2, bigEndian);
            if (code == OPT_END || opt + 4 + optLength > end) {
                break;
            }
            if (code == OPT_IF_TSRESOL && optLength >= 1) {
                resolution = b.get(opt + 4) & 0xFF;
            } else if (code == OPT_IF_TSOFFSET && optLength >= 8) {
                long hi = WireOrder.uint32(b, opt + 4, bigEndian);
                long lo = WireOrder.uint32(b, opt + 8, bigEndian);
                offsetSeconds = bigEndian ? (hi << 32) | lo : (lo << 32) | hi;
            }
            opt += 4 + ((optLength + 3) & ~3);
        }
        if (interfaceCount == linkTypes.length) {
            linkTypes = Arrays.copyOf(linkTypes, interfaceCount * 2);
            snapLengths = Arrays.copyOf(snapLengths, interfaceCount * 2);
            clocks = Arrays.copyOf(clocks, interfaceCount * 2);
        }
        linkTypes[interfaceCount] = linkType;
        snapLengths[interfaceCount] = snapLength;
        clocks[interfaceCount] = new TimeUnitConverter(resolution, offsetSeconds);
        interfaceCount++;
        in.position += length;
        return true;
    }

    private boolean readPacket(Frame frame, int type, int length) {
        ByteBuffer b = in.buffer;
        int p = in.position;
        int iface;
        long caplen;
        long wireLen;
        int dataOffset;
        long timestamp;
        if (type == SIMPLE_PACKET) {
            if (length < SPB_DATA_OFFSET + 4) {
                return stop(new Damage(in.offset(), "simple packet block length " + length + " too short"));
            }
            iface = 0;
            wireLen = WireOrder.uint32(b, p + SPB_LEN_OFFSET, bigEndian);
            caplen = Math.min(wireLen, length - SPB_DATA_OFFSET - 4);
            if (interfaceCount > 0 && snapLengths[0] > 0) {
                caplen = Math.min(caplen, snapLengths[0]);
            }
            dataOffset = SPB_DATA_OFFSET;
            timestamp = Frame.NO_TIMESTAMP;
        } else {
            boolean enhanced = type == ENHANCED_PACKET;
            dataOffset = enhanced ? EPB_DATA_OFFSET : OPB_DATA_OFFSET;
            if (length < dataOffset + 4) {
                return stop(new Damage(in.offset(), "packet block length " + length + " too short"));
            }
            iface = enhanced ? WireOrder.int32(b, p + EPB_INTERFACE_OFFSET, bigEndian)
                    : WireOrder.uint16(b, p + OPB_INTERFACE_OFFSET, bigEndian);
            long high = WireOrder.uint32(b, p + (enhanced ? EPB_TS_HIGH_OFFSET : OPB_TS_HIGH_OFFSET), bigEndian);
            long low = WireOrder.uint32(b, p + (enhanced ? EPB_TS_LOW_OFFSET : OPB_TS_LOW_OFFSET), bigEndian);
            caplen = WireOrder.uint32(b, p + (enhanced ? EPB_CAPLEN_OFFSET : OPB_CAPLEN_OFFSET), bigEndian);
            wireLen = WireOrder.uint32(b, p + (enhanced ? EPB_LEN_OFFSET : OPB_LEN_OFFSET), bigEndian);
            if (iface < 0 || iface >= interfaceCount) {
                return stop(new Damage(in.offset(), "packet block names interface " + iface + " of "
                        + interfaceCount));
            }
            if (caplen > PcapReader.MAX_CAPLEN) {
                return stop(new Damage(in.offset(), "captured length " + caplen + " exceeds "
                        + PcapReader.MAX_CAPLEN));
            }
            if (caplen > length - dataOffset - 4) {
                return stop(new Damage(in.offset(), "captured length " + caplen + " exceeds block length "
                        + length));
            }
            timestamp = clocks[iface].toNanos((high << 32) | low);
        }
        if (interfaceCount == 0) {
            return stop(new Damage(in.offset(), "packet block before any interface description block"));
        }
        frame.buffer = b;
        frame.offset = p + dataOffset;
        frame.capturedLength = (int) caplen;
        frame.wireLength = (int) Math.min(wireLen, Integer.MAX_VALUE);
        frame.timestampNanos = timestamp;
        frame.linkType = linkTypes[iface];
        in.position += length;
        return true;
    }

    @Override
    public String format() {
        return "pcapng" + in.compression();
    }

    /** Converts an interface's raw timestamps (units of if_tsresol, plus if_tsoffset seconds) to nanoseconds. */
    static final class TimeUnitConverter {
        private static final long NANOS_PER_SECOND = 1_000_000_000L;
        private final boolean binary;
        private final int exponent;
        private final long offsetNanos;
        private final long decimalFactor;

        TimeUnitConverter(int resolution, long offsetSeconds) {
            this.binary = (resolution & 0x80) != 0;
            this.exponent = resolution & 0x7F;
            this.offsetNanos = offsetSeconds * NANOS_PER_SECOND;
            this.decimalFactor = !binary && exponent <= 9 ? pow10(9 - exponent) : pow10(Math.max(0, exponent - 9));
        }

        long toNanos(long units) {
            long nanos;
            if (!binary) {
                nanos = exponent <= 9 ? units * decimalFactor : Long.divideUnsigned(units, decimalFactor);
            } else if (exponent == 0) {
                nanos = units * NANOS_PER_SECOND;
            } else if (exponent < 64) {
                long whole = units >>> exponent;
                long fraction = units & ((1L << exponent) - 1);
                long fractionNanos = exponent <= 33 ? (fraction * NANOS_PER_SECOND) >>> exponent
                        : BigInteger.valueOf(fraction).multiply(BigInteger.valueOf(NANOS_PER_SECOND))
                                .shiftRight(exponent).longValue();
                nanos = whole * NANOS_PER_SECOND + fractionNanos;
            } else {
                nanos = 0;
            }
            return nanos + offsetNanos;
        }

        private static long pow10(int n) {
            long v = 1;
            for (int i = 0; i < n && i < 19; i++) {
                v *= 10;
            }
            return v;
        }
    }
}
