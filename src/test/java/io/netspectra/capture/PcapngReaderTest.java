package io.netspectra.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;

import static io.netspectra.capture.CaptureBytes.payload;
import static io.netspectra.capture.PcapReaderTest.assertFrame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pcapng files written byte by byte, read through {@link CaptureFiles#open(Path)}. */
class PcapngReaderTest {
    private static final int ETHERNET = 1;
    private static final int NULL = 0;
    private static final int RAW = 101;
    private static final int SLL2 = 276;
    private static final long SECONDS = 1_700_000_000L;
    private static final long NS = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void readsTwoSectionsOfDifferentByteOrderWithInterfacesRenumbered() {
        CaptureBytes c = CaptureBytes.pcapng().section(false);
        c.idb(ETHERNET, 0).idb(NULL, 65535, c.ifName("lo0"), c.tsresol(9));
        c.epb(1, SECONDS * NS + 7, payload(44, 1), 44).epb(0, SECONDS * 1_000_000L + 5, payload(60, 2), 60);
        c.section(true);
        c.idb(RAW, 1500, c.tsresol(0x88)).idb(SLL2, 0, c.tsresol(3), c.tsoffset(100));
        c.epb(0, SECONDS * 256 + 3, payload(40, 3), 40).epb(1, SECONDS * 1000 + 999, payload(30, 4), 30);
        CaptureRead read = CaptureRead.of(c.write(dir, "two-sections.pcapng"));
        assertEquals("pcapng", read.format());
        assertNull(read.damage());
        assertEquals(4, read.count());
        assertFrame(read.frame(0), NULL, SECONDS * NS + 7, payload(44, 1), 44);
        assertFrame(read.frame(1), ETHERNET, SECONDS * NS + 5_000, payload(60, 2), 60);
        // 3/256 s is exactly 11718750 ns.
        assertFrame(read.frame(2), RAW, SECONDS * NS + 11_718_750, payload(40, 3), 40);
        assertFrame(read.frame(3), SLL2, (SECONDS + 100) * NS + 999_000_000, payload(30, 4), 30);
    }

    @ParameterizedTest(name = "big-endian {0}")
    @ValueSource(booleans = {false, true})
    void convertsTimestampsByInterfaceResolutionAndOffset(boolean bigEndian) {
        CaptureBytes c = CaptureBytes.pcapng().section(bigEndian);
        c.idb(ETHERNET, 0);                                    // default 10^-6
        c.idb(ETHERNET, 0, c.tsresol(9));                      // 10^-9
        c.idb(ETHERNET, 0, c.tsresol(0x88));                   // 2^-8
        c.idb(ETHERNET, 0, c.tsresol(6), c.tsoffset(-3600));   // 10^-6 plus an offset of -1 h
        c.idb(ETHERNET, 0, c.ifName("eth-with-long-name"), c.tsresol(0x80)); // 2^0: whole seconds
        byte[] d = payload(14, 5);
        c.epb(0, 1_234_567_890_123_456L, d, 14).epb(1, 1_234_567_890_123_456_789L, d, 14)
                .epb(2, SECONDS * 256 + 255, d, 14).epb(3, SECONDS * 1_000_000L, d, 14).epb(4, SECONDS, d, 14);
        CaptureRead read = CaptureRead.of(c.write(dir, "clocks.pcapng"));
        assertNull(read.damage());
        assertEquals(1_234_567_890_123_456_000L, read.frame(0).timestampNanos());
        assertEquals(1_234_567_890_123_456_789L, read.frame(1).timestampNanos());
        assertEquals(SECONDS * NS + 996_093_750L, read.frame(2).timestampNanos());
        assertEquals((SECONDS - 3600) * NS, read.frame(3).timestampNanos());
        assertEquals(SECONDS * NS, read.frame(4).timestampNanos());
    }

    @Test
    void readsSimplePacketBlocksWithoutTimestampAndLimitedBySnaplen() {
        CaptureBytes c = CaptureBytes.pcapng().section(true).idb(ETHERNET, 64);
        c.spb(100, payload(100, 1));      // cut by the snaplen
        c.spb(42, payload(42, 2));        // 42 bytes, padded to 44 in the block
        c.spb(1514, payload(60, 3));      // the block holds fewer bytes than the original length
        CaptureRead read = CaptureRead.of(c.write(dir, "spb.pcapng"));
        assertNull(read.damage());
        assertEquals(3, read.count());
        assertFrame(read.frame(0), ETHERNET, Frame.NO_TIMESTAMP, Arrays.copyOf(payload(100, 1), 64), 100);
        assertFrame(read.frame(1), ETHERNET, Frame.NO_TIMESTAMP, payload(42, 2), 42);
        assertFrame(read.frame(2), ETHERNET, Frame.NO_TIMESTAMP, payload(60, 3), 1514);
    }

    @Test
    void readsObsoletePacketBlocks() {
        CaptureBytes c = CaptureBytes.pcapng().section(false);
        c.idb(ETHERNET, 0).idb(RAW, 0, c.tsresol(9));
        c.opb(1, SECONDS * NS + 42, payload(33, 1), 1000).opb(0, SECONDS * 1_000_000L, payload(60, 2), 60);
        CaptureRead read = CaptureRead.of(c.write(dir, "opb.pcapng"));
        assertNull(read.damage());
        assertFrame(read.frame(0), RAW, SECONDS * NS + 42, payload(33, 1), 1000);
        assertFrame(read.frame(1), ETHERNET, SECONDS * NS, payload(60, 2), 60);
    }

    @Test
    void keepsSnaplenCutEnhancedPacketsAtTheirWireLength() {
        CaptureBytes c = CaptureBytes.pcapng().section(false).idb(ETHERNET, 96);
        c.epb(0, 1, 96, 1514, payload(96, 1)).epb(0, 2, 13, 13, payload(13, 2));
        CaptureRead read = CaptureRead.of(c.write(dir, "cut.pcapng"));
        assertFrame(read.frame(0), ETHERNET, 1000, payload(96, 1), 1514);
        assertFrame(read.frame(1), ETHERNET, 2000, payload(13, 2), 13);
    }

    @Test
    void skipsUnknownCustomNameResolutionStatisticsAndSecretsBlocks() {
        CaptureBytes c = CaptureBytes.pcapng().section(false);
        c.block(CaptureBytes.NRB, new byte[] {1, 0, 8, 0, 10, 0, 0, 1, 'h', 'o', 's', 't', 0, 0, 0, 0});
        c.idb(ETHERNET, 0);
        c.epb(0, 1, payload(20, 1), 20);
        c.block(CaptureBytes.ISB, new byte[20]);
        c.block(CaptureBytes.CUSTOM, payload(17, 2));
        c.block(CaptureBytes.CUSTOM_NO_COPY, payload(8, 3));
        c.block(CaptureBytes.DSB, payload(16, 4));
        c.block(0x7FFF_0001, new byte[0]);
        c.epb(0, 2, payload(21, 5), 21);
        CaptureRead read = CaptureRead.of(c.write(dir, "other-blocks.pcapng"));
        assertNull(read.damage());
        assertEquals(2, read.count());
        assertArrayEquals(payload(21, 5), read.frame(1).data());
    }

    @Test
    void skipsUnknownBlockLargerThanTheReadWindow() {
        CaptureBytes c = CaptureBytes.pcapng().section(false).idb(ETHERNET, 0);
        c.epb(0, 1, payload(20, 1), 20);
        c.block(0x0000_0BAD, new byte[5 << 20]);
        c.epb(0, 2, payload(30, 2), 30);
        CaptureRead read = CaptureRead.of(c.write(dir, "big-skip.pcapng"));
        assertNull(read.damage());
        assertEquals(2, read.count());
        assertArrayEquals(payload(30, 2), read.frame(1).data());
    }

    @Test
    void readsSectionWithInterfaceButNoPackets() {
        CaptureRead read = CaptureRead.of(CaptureBytes.pcapng().section(false).idb(ETHERNET, 0)
                .write(dir, "no-packets.pcapng"));
        assertEquals(0, read.count());
        assertNull(read.damage());
    }

    // ----- damage --------------------------------------------------------------------------------------------------

    @Test
    void stopsAtIncompleteBlockHeader() {
        CaptureBytes c = twoPackets(false);
        int damaged = c.size();
        c.u32(CaptureBytes.EPB).u8(0).u8(0);
        assertDamage(c, "cut-block-header.pcapng", 2, damaged, "block header incomplete");
    }

    @ParameterizedTest(name = "block length {0}")
    @ValueSource(ints = {30, 8, 0, 13})
    void stopsAtBlockLengthBelow12OrNotAMultipleOf4(int length) {
        CaptureBytes c = twoPackets(true);
        int damaged = c.size();
        c.u32(CaptureBytes.EPB).u32(length).zeros(40);
        assertDamage(c, "bad-length.pcapng", 2, damaged, "block length " + length + " is invalid");
    }

    @Test
    void stopsAtPacketBlockRunningPastEndOfFile() {
        CaptureBytes c = twoPackets(false);
        int damaged = c.size();
        byte[] whole = c.epb(0, 3, payload(100, 3), 100).toByteArray();
        assertDamage(Arrays.copyOf(whole, whole.length - 1), "cut-epb.pcapng", 2, damaged, "past end of file");
    }

    @Test
    void stopsAtSkippedBlockRunningPastEndOfFile() {
        CaptureBytes c = twoPackets(true);
        int damaged = c.size();
        c.u32(CaptureBytes.CUSTOM).u32(1000).zeros(500);
        assertDamage(c, "cut-custom.pcapng", 2, damaged, "past end of file");
    }

    @Test
    void stopsAtEnhancedPacketOnUnknownInterface() {
        CaptureBytes c = twoPackets(false);
        int damaged = c.size();
        c.epb(2, 3, payload(20, 3), 20).epb(0, 4, payload(20, 4), 20);
        assertDamage(c, "bad-iface.pcapng", 2, damaged, "interface 2 of 2");
    }

    @Test
    void numbersInterfacesAfreshInEverySection() {
        CaptureBytes c = twoPackets(false).section(true).idb(ETHERNET, 0);
        c.epb(0, 1, payload(20, 3), 20);
        int damaged = c.size();
        c.epb(1, 2, payload(20, 4), 20);
        assertDamage(c, "iface-per-section.pcapng", 3, damaged, "interface 1 of 1");
    }

    @Test
    void stopsAtPacketBlockBeforeAnyInterface() {
        CaptureBytes c = CaptureBytes.pcapng().section(false);
        int damaged = c.size();
        c.epb(0, 1, payload(20, 1), 20);
        assertDamage(c, "no-idb.pcapng", 0, damaged, "interface 0 of 0");
        CaptureBytes s = CaptureBytes.pcapng().section(false);
        s.spb(20, payload(20, 1));
        assertDamage(s, "no-idb-spb.pcapng", 0, damaged, "before any interface");
    }

    @Test
    void stopsAtCapturedLengthBeyondTheBlock() {
        CaptureBytes c = twoPackets(false);
        int damaged = c.size();
        c.epb(0, 3, 64, 64, payload(32, 3));
        assertDamage(c, "caplen-beyond-block.pcapng", 2, damaged, "exceeds block length");
    }

    @Test
    void stopsAtSectionHeaderWithBadByteOrderMagic() {
        CaptureBytes c = twoPackets(false);
        int damaged = c.size();
        c.u32(CaptureBytes.SHB).u32(28).u32(0x11223344).zeros(16);
        assertDamage(c, "bad-shb.pcapng", 2, damaged, "byte-order magic");
    }

    // ----- helpers -------------------------------------------------------------------------------------------------

    private static CaptureBytes twoPackets(boolean bigEndian) {
        return CaptureBytes.pcapng().section(bigEndian).idb(ETHERNET, 0).idb(RAW, 0)
                .epb(0, 1, payload(60, 1), 60).epb(1, 2, payload(41, 2), 41);
    }

    private void assertDamage(CaptureBytes c, String name, int frames, int offset, String what) {
        assertDamage(c.toByteArray(), name, frames, offset, what);
    }

    private void assertDamage(byte[] file, String name, int frames, int offset, String what) {
        CaptureRead read = CaptureRead.of(CaptureBytes.writeFile(dir, name, file));
        assertEquals(frames, read.count(), "frames before the damage");
        assertEquals(offset, read.damage().offset(), "damage offset");
        assertTrue(read.damage().what().contains(what), read.damage().what());
    }
}
