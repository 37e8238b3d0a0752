package io.netspectra.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of a generated capture in the test, independently of the generator's writers: a little-endian
 * nanosecond pcap, or a little-endian pcapng with one Ethernet interface at if_tsresol 9. Each header field is
 * asserted with "expected X, actual Y".
 */
final class CaptureRecords {
    /** One packet as the file holds it. */
    record Record(long nanos, int capturedLength, int originalLength, byte[] data) {
    }

    /** The file-level fields and the packets of a capture. */
    record Capture(int snaplen, List<Record> records) {
    }

    private CaptureRecords() {
    }

    static Capture read(byte[] file, CaptureFormat format) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        return format == CaptureFormat.PCAP ? readPcap(b) : readPcapng(b);
    }

    private static Capture readPcap(ByteBuffer b) {
        assertEquals(0xa1b23c4d, b.getInt(), "pcap magic (nanoseconds)");
        assertEquals(2, b.getShort(), "pcap major version");
        assertEquals(4, b.getShort(), "pcap minor version");
        assertEquals(0, b.getInt(), "thiszone");
        assertEquals(0, b.getInt(), "sigfigs");
        int snaplen = b.getInt();
        assertEquals(1, b.getInt(), "link type");
        List<Record> records = new ArrayList<>();
        while (b.hasRemaining()) {
            assertTrue(b.remaining() >= 16, "record header complete at offset " + b.position());
            long seconds = Integer.toUnsignedLong(b.getInt());
            long nanos = Integer.toUnsignedLong(b.getInt());
            assertTrue(nanos < 1_000_000_000L, "nanosecond field below 1e9 at offset " + b.position());
            int captured = b.getInt();
            int original = b.getInt();
            byte[] data = new byte[captured];
            b.get(data);
            records.add(new Record(seconds * 1_000_000_000L + nanos, captured, original, data));
        }
        return new Capture(snaplen, records);
    }

    private static Capture readPcapng(ByteBuffer b) {
        assertEquals(0x0a0d0d0a, b.getInt(), "SHB block type");
        int shbLength = b.getInt();
        assertEquals(0x1a2b3c4d, b.getInt(), "byte-order magic");
        assertEquals(1, b.getShort(), "pcapng major version");
        assertEquals(0, b.getShort(), "pcapng minor version");
        assertEquals(-1L, b.getLong(), "section length");
        b.position(shbLength - 4);
        assertEquals(shbLength, b.getInt(), "SHB trailing length");

        int idbStart = b.position();
        assertEquals(1, b.getInt(), "IDB block type");
        int idbLength = b.getInt();
        assertEquals(1, b.getShort(), "IDB link type");
        b.getShort();
        int snaplen = b.getInt();
        assertEquals(9, b.getShort(), "IDB option code if_tsresol");
        assertEquals(1, b.getShort(), "if_tsresol length");
        assertEquals(9, b.get(), "if_tsresol value (nanoseconds)");
        b.position(idbStart + idbLength - 4);
        assertEquals(idbLength, b.getInt(), "IDB trailing length");

        List<Record> records = new ArrayList<>();
        while (b.hasRemaining()) {
            int start = b.position();
            assertEquals(6, b.getInt(), "EPB block type at offset " + start);
            int length = b.getInt();
            assertEquals(0, b.getInt(), "interface id");
            long nanos = (Integer.toUnsignedLong(b.getInt()) << 32) | Integer.toUnsignedLong(b.getInt());
            int captured = b.getInt();
            int original = b.getInt();
            byte[] data = new byte[captured];
            b.get(data);
            assertEquals(32 + ((captured + 3) & ~3), length, "EPB length at offset " + start);
            b.position(start + length - 4);
            assertEquals(length, b.getInt(), "EPB trailing length at offset " + start);
            records.add(new Record(nanos, captured, original, data));
        }
        return new Capture(snaplen, records);
    }
}
