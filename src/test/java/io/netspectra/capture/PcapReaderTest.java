package io.netspectra.capture;

import io.netspectra.NetSpectraException.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;

import static io.netspectra.capture.CaptureBytes.payload;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Classic pcap files written byte by byte, read through {@link CaptureFiles#open(Path)}. */
class PcapReaderTest {
    private static final int ETHERNET = 1;
    private static final long SECONDS = 1_700_000_000L;
    private static final long NS = 1_000_000_000L;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "big-endian {0}")
    @ValueSource(booleans = {false, true})
    void readsMicrosecondPcapInEitherByteOrder(boolean bigEndian) {
        byte[] a = payload(60, 1);
        byte[] b = payload(42, 2);
        Path file = CaptureBytes.pcap(bigEndian, false, ETHERNET)
                .record(SECONDS, 123_456, a, 60)
                .record(SECONDS + 1, 999_999, b, 1514)
                .write(dir, "us.pcap");
        CaptureRead read = CaptureRead.of(file);
        assertEquals("pcap", read.format());
        assertNull(read.damage());
        assertEquals(2, read.count());
        assertFrame(read.frame(0), ETHERNET, SECONDS * NS + 123_456_000L, a, 60);
        assertFrame(read.frame(1), ETHERNET, (SECONDS + 1) * NS + 999_999_000L, b, 1514);
    }

    @ParameterizedTest(name = "big-endian {0}")
    @ValueSource(booleans = {false, true})
    void readsNanosecondPcapInEitherByteOrder(boolean bigEndian) {
        byte[] a = payload(54, 3);
        Path file = CaptureBytes.pcap(bigEndian, true, 113)
                .record(SECONDS, 123_456_789, a, 54)
                .record(SECONDS, 1, a, 54)
                .write(dir, "ns.pcap");
        CaptureRead read = CaptureRead.of(file);
        assertEquals("pcap-ns", read.format());
        assertNull(read.damage());
        assertFrame(read.frame(0), 113, SECONDS * NS + 123_456_789L, a, 54);
        assertFrame(read.frame(1), 113, SECONDS * NS + 1, a, 54);
    }

    @Test
    void carriesSubsecondFieldOfOneSecondOrMoreIntoTheSeconds() {
        byte[] a = payload(20, 4);
        Path us = CaptureBytes.pcap(false, false, ETHERNET)
                .record(SECONDS, 1_000_000, a, 20)
                .record(SECONDS, 2_500_001, a, 20)
                .record(0xFFFF_FFFFL, 0xFFFF_FFFFL, a, 20)
                .write(dir, "overflow-us.pcap");
        Path ns = CaptureBytes.pcap(true, true, ETHERNET)
                .record(SECONDS, 1_000_000_000L, a, 20)
                .record(SECONDS, 3_000_000_007L, a, 20)
                .write(dir, "overflow-ns.pcap");
        CaptureRead u = CaptureRead.of(us);
        CaptureRead n = CaptureRead.of(ns);
        assertAll(
                () -> assertEquals((SECONDS + 1) * NS, u.frame(0).timestampNanos()),
                () -> assertEquals((SECONDS + 2) * NS + 500_001_000L, u.frame(1).timestampNanos()),
                () -> assertEquals(0xFFFF_FFFFL * NS + 0xFFFF_FFFFL * 1000, u.frame(2).timestampNanos()),
                () -> assertEquals((SECONDS + 1) * NS, n.frame(0).timestampNanos()),
                () -> assertEquals((SECONDS + 3) * NS + 7, n.frame(1).timestampNanos()));
    }

    @Test
    void swapsCaplenAndLenInVersion22Files() {
        byte[] a = payload(40, 5);
        byte[] b = payload(64, 6);
        // Version 2.2 writers stored len where caplen belongs and the other way round.
        Path file = CaptureBytes.pcap(false, false, 2, 2, ETHERNET)
                .record(SECONDS, 0, 100, 40, a)
                .record(SECONDS, 1, 64, 64, b)
                .write(dir, "v22.pcap");
        CaptureRead read = CaptureRead.of(file);
        assertNull(read.damage());
        assertEquals(2, read.count());
        assertFrame(read.frame(0), ETHERNET, SECONDS * NS, a, 100);
        assertFrame(read.frame(1), ETHERNET, SECONDS * NS + 1000, b, 64);
    }

    @Test
    void swapsVersion23LengthsOnlyWhereCaplenExceedsLen() {
        byte[] a = payload(40, 7);
        byte[] b = payload(30, 8);
        Path file = CaptureBytes.pcap(true, false, 2, 3, ETHERNET)
                .record(SECONDS, 0, 100, 40, a)
                .record(SECONDS, 0, 30, 90, b)
                .write(dir, "v23.pcap");
        CaptureRead read = CaptureRead.of(file);
        assertNull(read.damage());
        assertFrame(read.frame(0), ETHERNET, SECONDS * NS, a, 100);
        assertFrame(read.frame(1), ETHERNET, SECONDS * NS, b, 90);
    }

    @Test
    void returnsNoMoreFramesOnceClosed() {
        byte[] a = payload(60, 1);
        Path file = CaptureBytes.pcap(false, false, ETHERNET)
                .record(SECONDS, 1, a, 60)
                .record(SECONDS, 2, a, 60)
                .write(dir, "closed.pcap");
        CaptureReader reader = CaptureFiles.open(file);
        Frame frame = new Frame();
        assertTrue(reader.next(frame));
        reader.close();
        assertFalse(reader.next(frame), "a closed reader's window may already be another reader's");
        assertNull(reader.damage());
    }

    @Test
    void readsHeaderOnlyFileAsNoFramesWithoutDamage() {
        CaptureRead read = CaptureRead.of(CaptureBytes.pcap(false, false, 101).write(dir, "empty.pcap"));
        assertEquals(0, read.count());
        assertNull(read.damage());
    }

    @Test
    void readsRecordsThatStraddleTheReadWindow() {
        // 80 records of 60000 bytes (about 4.9 MB) pass the 4 MB read window at least once.
        CaptureBytes c = CaptureBytes.pcap(false, false, ETHERNET);
        for (int i = 0; i < 80; i++) {
            c.record(SECONDS + i, i, payload(60_000, i), 60_000);
        }
        CaptureRead read = CaptureRead.of(c.write(dir, "big.pcap"));
        assertNull(read.damage());
        assertEquals(80, read.count());
        for (int i = 0; i < 80; i++) {
            assertArrayEquals(payload(60_000, i), read.frame(i).data(), "frame " + i);
            assertEquals((SECONDS + i) * NS + i * 1000L, read.frame(i).timestampNanos());
        }
    }

    @Test
    void acceptsCaplenOf262144AndRejectsOneMore() {
        byte[] max = payload(262_144, 9);
        CaptureBytes c = CaptureBytes.pcap(false, false, ETHERNET).record(SECONDS, 0, max, 262_144);
        int damaged = c.size();
        c.record(SECONDS, 0, 262_145, 262_145, payload(262_145, 10));
        CaptureRead read = CaptureRead.of(c.write(dir, "max.pcap"));
        assertEquals(1, read.count());
        assertArrayEquals(max, read.frame(0).data());
        assertEquals(damaged, read.damage().offset());
        assertTrue(read.damage().what().contains("262145"), read.damage().what());
    }

    // ----- damage --------------------------------------------------------------------------------------------------

    @Test
    void stopsAtIncompleteRecordHeaderAfterTheFramesBeforeIt() {
        CaptureBytes c = twoRecords();
        int damaged = c.size();
        c.u32(SECONDS).u32(0).u32(60);
        CaptureRead read = CaptureRead.of(c.write(dir, "cut-header.pcap"));
        assertEquals(2, read.count());
        assertEquals(damaged, read.damage().offset());
        assertTrue(read.damage().what().contains("record header incomplete"), read.damage().what());
    }

    @Test
    void stopsAtRecordDataRunningPastEndOfFile() {
        CaptureBytes c = twoRecords();
        int damaged = c.size();
        c.record(SECONDS, 0, 100, 100, payload(99, 11));
        CaptureRead read = CaptureRead.of(c.write(dir, "cut-data.pcap"));
        assertEquals(2, read.count());
        assertEquals(damaged, read.damage().offset());
        assertTrue(read.damage().what().contains("past end of file"), read.damage().what());
    }

    @Test
    void stopsAtCaplenAbove262144EvenWhenTheBytesFollow() {
        CaptureBytes c = twoRecords();
        int damaged = c.size();
        c.record(SECONDS, 0, 4_325_376, 60, payload(60, 12)).record(SECONDS, 0, payload(60, 13), 60);
        CaptureRead read = CaptureRead.of(c.write(dir, "huge-caplen.pcap"));
        assertEquals(2, read.count());
        assertEquals(damaged, read.damage().offset());
        assertTrue(read.damage().what().contains("4325376"), read.damage().what());
    }

    @Test
    void rejectsPcapWhoseFileHeaderIsIncomplete() {
        byte[] header = CaptureBytes.pcap(false, false, ETHERNET).toByteArray();
        Path file = CaptureBytes.writeFile(dir, "short-header.pcap", Arrays.copyOf(header, 20));
        InputException e = assertThrows(InputException.class, () -> CaptureFiles.open(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("header incomplete"), e.getMessage());
    }

    // ----- helpers -------------------------------------------------------------------------------------------------

    private static CaptureBytes twoRecords() {
        return CaptureBytes.pcap(false, false, ETHERNET)
                .record(SECONDS, 1, payload(60, 1), 60)
                .record(SECONDS, 2, payload(70, 2), 70);
    }

    static void assertFrame(CaptureRead.Got got, int linkType, long timestampNanos, byte[] data, int wireLength) {
        assertAll(
                () -> assertEquals(linkType, got.linkType(), "link type"),
                () -> assertEquals(timestampNanos, got.timestampNanos(), "timestamp"),
                () -> assertEquals(data.length, got.capturedLength(), "captured length"),
                () -> assertEquals(wireLength, got.wireLength(), "wire length"),
                () -> assertArrayEquals(data, got.data(), "data"));
    }
}
