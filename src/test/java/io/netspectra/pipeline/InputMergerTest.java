package io.netspectra.pipeline;

import io.netspectra.capture.CaptureInput;
import io.netspectra.capture.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The k-way merge of inputs: timestamp order across files, file order within one, frames without a timestamp kept
 * behind their predecessor, ties to the earlier input. Each frame is named by its wire length.
 */
class InputMergerTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void mergesOverlappingInputsByTimestamp(@TempDir Path dir) throws IOException {
        Path a = pcap(dir.resolve("a"), new long[] {1, 3, 5}, new int[] {11, 13, 15});
        Path b = pcap(dir.resolve("b"), new long[] {2, 4, 6}, new int[] {22, 24, 26});
        assertEquals(List.of(11, 22, 13, 24, 15, 26), merge(a, b));
    }

    @Test
    void readsInputsInOrderOfTheirFirstTimestampWhateverTheArgumentOrder(@TempDir Path dir) throws IOException {
        Path late = pcap(dir.resolve("late"), new long[] {7, 8}, new int[] {17, 18});
        Path early = pcap(dir.resolve("early"), new long[] {1, 2}, new int[] {11, 12});
        List<Integer> frames = new ArrayList<>();
        InputMerger m = new InputMerger(List.of(CaptureInput.file(late), CaptureInput.file(early)), w -> { });
        for (Frame f = m.next(); f != null; f = m.next()) {
            frames.add(f.wireLength);
        }
        m.close();
        assertEquals(List.of(early.toString(), late.toString()), m.stats().stream().map(InputStats::path).toList());
        assertEquals(List.of(2L, 2L), m.stats().stream().map(InputStats::packets).toList());
        assertEquals(List.of(11, 12, 17, 18), frames);
    }

    @Test
    void frameWithoutTimestampStaysBehindItsPredecessorInItsFile(@TempDir Path dir) throws IOException {
        Path a = pcapngWithSimplePacket(dir.resolve("a"), 1, 11, 12, 5, 15);
        Path b = pcap(dir.resolve("b"), new long[] {2, 3}, new int[] {22, 23});
        assertEquals(List.of(11, 12, 22, 23, 15), merge(a, b));
    }

    @Test
    void equalTimestampsGoToTheEarlierInputInArgumentOrder(@TempDir Path dir) throws IOException {
        Path a = pcap(dir.resolve("a"), new long[] {1, 2}, new int[] {11, 12});
        Path b = pcap(dir.resolve("b"), new long[] {1, 2}, new int[] {21, 22});
        assertEquals(List.of(21, 11, 22, 12), merge(b, a));
    }

    @Test
    void oneInputIsReadInFileOrderEvenWhenItGoesBackInTime(@TempDir Path dir) throws IOException {
        Path a = pcap(dir.resolve("a"), new long[] {5, 1, 3}, new int[] {15, 11, 13});
        assertEquals(List.of(15, 11, 13), merge(a));
    }

    private static List<Integer> merge(Path... files) {
        List<CaptureInput> inputs = new ArrayList<>();
        for (Path f : files) {
            inputs.add(CaptureInput.file(f));
        }
        List<Integer> frames = new ArrayList<>();
        try (InputMerger m = new InputMerger(inputs, w -> { })) {
            for (Frame f = m.next(); f != null; f = m.next()) {
                frames.add(f.wireLength);
            }
        }
        return frames;
    }

    /** Writes a little-endian microsecond pcap: one record per second given, 1 captured byte, wire length as id. */
    private static Path pcap(Path file, long[] seconds, int[] ids) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(24 + seconds.length * 17).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        for (int i = 0; i < seconds.length; i++) {
            b.putInt((int) seconds[i]).putInt(0).putInt(1).putInt(ids[i]).put((byte) 0);
        }
        return Files.write(file, b.array());
    }

    /** Writes a pcapng (snaplen 1): EPB at {@code t1}, SPB (no timestamp), EPB at {@code t2}. */
    private static Path pcapngWithSimplePacket(Path file, long t1, int id1, int spbId, long t2, int id2)
            throws IOException {
        ByteBuffer b = ByteBuffer.allocate(28 + 20 + 36 + 20 + 36).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1)
                .putInt(28);
        b.putInt(1).putInt(20).putShort((short) 1).putShort((short) 0).putInt(1).putInt(20);
        epb(b, t1, id1);
        b.putInt(3).putInt(20).putInt(spbId).putInt(0).putInt(20);
        epb(b, t2, id2);
        return Files.write(file, b.array());
    }

    private static void epb(ByteBuffer b, long seconds, int id) {
        long micros = seconds * SECOND / 1000;
        b.putInt(6).putInt(36).putInt(0).putInt((int) (micros >>> 32)).putInt((int) micros).putInt(1).putInt(id)
                .putInt(0).putInt(36);
    }
}
