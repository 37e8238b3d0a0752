package io.netspectra.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netspectra.NetSpectraException;
import io.netspectra.capture.CaptureFiles;
import io.netspectra.capture.CaptureReader;
import io.netspectra.capture.Damage;
import io.netspectra.capture.Frame;
import io.netspectra.decode.DecodedPacket;
import io.netspectra.decode.FrameDecoder;
import io.netspectra.decode.LinkTypes;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Coverage-guided fuzz targets for the packet path: capture readers (pcap, pcapng, gzip around either) and the frame
 * decoder. Without {@code JAZZER_FUZZ} (every {@code mvn verify}) each target replays its committed seeds and saved
 * findings from {@code src/test/resources/io/netspectra/fuzz/CaptureFuzzTestInputs/<method>/}; with
 * {@code JAZZER_FUZZ=1} and {@code -Dtest=CaptureFuzzTest#<method>} Jazzer fuzzes it (docs/robustness.md).
 *
 * <p>Properties: nothing but a {@link NetSpectraException} leaves the code under test; a frame never exceeds the
 * record limit and always lies inside the reader's buffer; damage ends reading for good; the decoder reads nothing
 * outside {@code [offset, offset + capturedLength)}; the thread allocates at most a fixed budget per input; and each
 * input finishes within the {@link Timeout} (Jazzer turns it into libFuzzer's per-input {@code -timeout}).
 */
class CaptureFuzzTest {
    /** The readers' record limit (README "Damage"); package-private in the readers. */
    static final int MAX_CAPLEN = 262_144;
    /**
     * The reader's default window (4 MiB), gzip buffers and slack; well below the 64 MiB the reader's window may grow
     * to, and the gigabytes an untrusted length field could ask for.
     */
    private static final long READ_BUDGET = 12L << 20;

    static final int[] LINK_TYPES = {LinkTypes.ETHERNET, LinkTypes.LINUX_SLL, LinkTypes.LINUX_SLL2, LinkTypes.NULL,
            LinkTypes.RAW, LinkTypes.IPV4, LinkTypes.IPV6};

    /** Target (a): bytes as a capture file, every frame read and decoded. */
    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fuzzCaptureFile(byte[] data) {
        AllocationBudget.check(READ_BUDGET + 4L * data.length, "reading a " + data.length + "-byte capture",
                () -> readAndDecode(data));
    }

    /** Target (b): bytes as one frame of a supported link type, at an offset inside a larger buffer. */
    @FuzzTest(maxDuration = "3m")
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fuzzFrameDecoder(byte[] data) {
        if (data.length < 2) {
            return;
        }
        int linkType = LINK_TYPES[(data[0] & 0xFF) % LINK_TYPES.length];
        int padding = data[1] & 0xFF;
        byte[] frame = Arrays.copyOfRange(data, 2, data.length);
        DecodedPacket exact = new DecodedPacket();
        int result = decode(frame, 0, frame.length, linkType, exact);
        AllocationBudget.check(64 << 10, "decoding a " + frame.length + "-byte frame",
                () -> decode(frame, 0, frame.length, linkType, new DecodedPacket()));
        // The same frame inside a larger buffer, surrounded by bytes that differ: the result must not change.
        byte[] framed = new byte[padding + frame.length + 64];
        Arrays.fill(framed, (byte) 0xA5);
        System.arraycopy(frame, 0, framed, padding, frame.length);
        DecodedPacket inside = new DecodedPacket();
        assertEquals(result, decode(framed, padding, frame.length, linkType, inside), "result at offset " + padding);
        if (result == FrameDecoder.IP) {
            assertSamePacket(exact, inside);
        }
        // An unsupported link type is reported as such, whatever the bytes.
        assertEquals(FrameDecoder.UNSUPPORTED_LINK, decode(frame, 0, frame.length, 147, new DecodedPacket()));
    }

    /** Reads every frame of {@code data} as a capture and decodes it; returns the number of frames. */
    static int readAndDecode(byte[] data) {
        CaptureReader reader;
        try {
            reader = CaptureFiles.open(new ByteArrayInputStream(data), "fuzz");
        } catch (NetSpectraException e) {
            assertNotNull(e.getMessage());
            return 0;
        }
        boolean gzip = reader.format().endsWith("+gzip");
        int frames = 0;
        try (reader) {
            Frame frame = new Frame();
            DecodedPacket packet = new DecodedPacket();
            FrameDecoder decoder = new FrameDecoder();
            while (reader.next(frame)) {
                frames++;
                assertTrue(frame.capturedLength >= 0 && frame.capturedLength <= MAX_CAPLEN,
                        "captured length " + frame.capturedLength);
                assertTrue(frame.offset >= 0 && frame.offset + frame.capturedLength <= frame.buffer.limit(),
                        "frame outside the buffer");
                assertTrue(frame.wireLength >= 0, "wire length " + frame.wireLength);
                if (!gzip) {
                    // Every frame's bytes come from the input, so there cannot be more frame bytes than input.
                    assertTrue(frame.capturedLength <= data.length, "frame longer than the input");
                }
                checkDecoded(decoder.decode(frame.buffer, frame.offset, frame.capturedLength, frame.linkType,
                        packet), packet);
            }
            Damage damage = reader.damage();
            if (damage != null) {
                assertTrue(damage.offset() >= 0, "damage offset " + damage.offset());
                assertTrue(gzip || damage.offset() <= data.length, "damage offset past the end: " + damage);
                assertNotNull(damage.what());
            }
            assertFalse(reader.next(frame), "a frame after the end");
            assertEquals(damage, reader.damage(), "damage changed after the end");
        } catch (NetSpectraException e) {
            assertNotNull(e.getMessage());
        }
        return frames;
    }

    private static int decode(byte[] b, int offset, int length, int linkType, DecodedPacket out) {
        int result = new FrameDecoder().decode(b, offset, length, linkType, out);
        checkDecoded(result, out);
        return result;
    }

    private static void checkDecoded(int result, DecodedPacket p) {
        switch (result) {
            case FrameDecoder.IP -> {
                assertTrue(p.protocol >= 0 && p.protocol <= 255, "protocol " + p.protocol);
                assertTrue(p.srcPort >= 0 && p.srcPort <= 65535, "source port " + p.srcPort);
                assertTrue(p.dstPort >= 0 && p.dstPort <= 65535, "destination port " + p.dstPort);
                if (!p.ipv6) {
                    assertTrue(p.srcHi == 0 && p.dstHi == 0 && p.srcLo >>> 32 == 0 && p.dstLo >>> 32 == 0,
                            "IPv4 address wider than 32 bits");
                }
            }
            case FrameDecoder.NON_IP, FrameDecoder.UNSUPPORTED_LINK -> {
                // Nothing else to check: the packet record is not filled.
            }
            default -> fail("decode returned " + result);
        }
    }

    private static void assertSamePacket(DecodedPacket a, DecodedPacket b) {
        assertEquals(a.ipv6, b.ipv6, "ipv6");
        assertEquals(a.srcHi, b.srcHi, "srcHi");
        assertEquals(a.srcLo, b.srcLo, "srcLo");
        assertEquals(a.dstHi, b.dstHi, "dstHi");
        assertEquals(a.dstLo, b.dstLo, "dstLo");
        assertEquals(a.protocol, b.protocol, "protocol");
        assertEquals(a.srcPort, b.srcPort, "srcPort");
        assertEquals(a.dstPort, b.dstPort, "dstPort");
    }
}
