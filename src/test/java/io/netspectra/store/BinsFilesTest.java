package io.netspectra.store;

import io.netspectra.NetSpectraException.CorruptSnapshotException;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bins.nss}: written through the run writer, read back equal, every damaged form refused in one line. */
class BinsFilesTest {
    private static final long S = 1_000_000_000L;
    private static final long START = 1_709_294_400L * S;
    static final Path GOLDEN_V1 = Path.of("src/test/resources/golden/snapshot-v1/bins.nss");
    private static final TaskSpec TASK = new TaskSpec("by_src_port", List.of(KeyField.SRC_PORT, KeyField.PROTOCOL));

    /** Two bins of one second: port 443/tcp and 53/udp, then 443/tcp again. */
    private static FlowRows rows() {
        long[] keys = {443L << 8 | 6, 53L << 8 | 17, 443L << 8 | 6};
        long[] stats = {3, 4500, START, START + S, 1, 80, START, START + S, 2, 3000, START + S, START + 2 * S};
        return new FlowRows(TASK, 1, 3, keys, stats);
    }

    private static byte[] encoded() {
        return new BinsCodec().encode(new StoredBins(START, START + 30 * S, S, rows()));
    }

    @Test
    void writtenBinsReadBackEqual(@TempDir Path root) {
        RunWriter w = RunWriter.create(root, Instant.parse("2026-01-01T00:00:00Z"));
        w.writeTaskFile(START, TASK.name(), BinsCodec.FILE_NAME, encoded());
        List<StoredBins> back = new BinsFiles().readAll(w.runDir());
        assertEquals(1, back.size());
        StoredBins b = back.get(0);
        assertEquals(START, b.windowStart());
        assertEquals(START + 30 * S, b.windowEnd());
        assertEquals(S, b.binNanos());
        assertEquals(TASK, b.rows().task());
        assertArrayEquals(rows().keys(), b.rows().keys());
        assertArrayEquals(rows().stats(), b.rows().stats());
    }

    @Test
    void aFlowsReaderRefusesABinsFileByItsKind() {
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> new FlowsCodec().decode("bins.nss", encoded()));
        assertEquals("bins.nss: corrupt snapshot: unexpected kind: expected 1, actual 2", e.getMessage());
    }

    @Test
    void rejectsABinStartOutsideTheWindow() throws IOException {
        FlowRows bad = rows();
        bad.stats()[2] = START + 31 * S;
        byte[] file = new BinsCodec().encode(new StoredBins(START, START + 30 * S, S, bad));
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> new BinsCodec().decode("b.nss", file));
        assertTrue(e.getMessage().startsWith("b.nss: corrupt snapshot: body unreadable: row 0: bin start"),
                e.getMessage());
    }

    @Test
    void rejectsTheFileCutAtEveryByte() {
        SnapshotCuts.assertEveryCutRejected(encoded(), new BinsCodec()::decode);
    }

    @Test
    void rejectsAFlippedBodyByteByItsChecksum() {
        byte[] file = encoded();
        file[file.length - 3] ^= 1;
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> new BinsCodec().decode("x.nss", file));
        assertTrue(e.getMessage().startsWith("x.nss: corrupt snapshot: body CRC-32"), e.getMessage());
    }

    @Test
    void goldenVersionOneBinsFileStaysReadable() throws IOException {
        if (Boolean.getBoolean("golden.regenerate")) {
            Files.write(GOLDEN_V1, encoded());
        }
        StoredBins b = new BinsFiles().read(GOLDEN_V1);
        assertEquals(S, b.binNanos());
        assertEquals(START, b.windowStart());
        assertEquals(TASK, b.rows().task());
        assertArrayEquals(rows().keys(), b.rows().keys());
        assertArrayEquals(rows().stats(), b.rows().stats());
    }

    @Test
    void rowsAppendedAsBinsCloseEncodeTheSameBytesAsTheWholeWindow() {
        FlowRows rows = rows();
        BinsCodec.Rows streamed = new BinsCodec.Rows(rows.width());
        for (int r = 0; r < rows.size(); r++) {
            streamed.add(rows.keys(), r, rows.first(r), rows.packets(r), rows.bytes(r));
        }
        assertEquals(3, streamed.count());
        assertArrayEquals(encoded(), streamed.finish(TASK, START, START + 30 * S, S));
    }

    @Test
    void aRowCountBeyondTheBodyIsCorruptNotOutOfMemory() {
        com.esotericsoftware.kryo.io.Output body = new com.esotericsoftware.kryo.io.Output(64);
        body.writeString("by_src_port");
        body.writeVarInt(1, true);
        body.writeVarInt(KeyField.SRC_PORT.ordinal(), true);
        body.writeLong(START);
        body.writeLong(START + S);
        body.writeLong(S);
        body.writeVarInt(1, true);         // key width
        body.writeVarInt(1 << 26, true);   // rows claimed, none present
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> new BinsCodec().decode(
                "hostile.nss", SnapshotHeader.wrap(SnapshotHeader.KIND_BINS, body.getBuffer(), body.position())));
        assertTrue(e.getMessage().contains("rows 67108864 of width 1 do not fit the 0 bytes left"), e.getMessage());
    }
}
