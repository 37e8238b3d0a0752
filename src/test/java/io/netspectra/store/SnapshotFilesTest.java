package io.netspectra.store;

import io.netspectra.NetSpectraException.CorruptSnapshotException;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.aggregate.KeyLayout;
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

class SnapshotFilesTest {
    static final Path GOLDEN_V1 = Path.of("src/test/resources/golden/snapshot-v1/flows.nss");
    static final long START = 1_709_294_400_000_000_000L;
    static final long END = START + 30_000_000_000L;

    /** A fixed window: three IPv4/IPv6 five-tuples. */
    static FlowRows sampleRows() {
        TaskSpec task = new TaskSpec("by_five_tuple", List.of(KeyField.SRC_IP, KeyField.DST_IP, KeyField.SRC_PORT,
                KeyField.DST_PORT, KeyField.PROTOCOL));
        FlowTable t = new FlowTable(5);
        long[][] keys = {
            {0, 0x0A000001L, 0, 0x0A000002L, 6 | 51234L << 8 | 443L << 24},
            {0x20010DB800000000L, 1, 0x20010DB800000000L, 2, 17 | 5353L << 8 | 53L << 24 | 1L << 40},
            {0, 0xC0A80001L, 0, 0xC0A80002L, 1},
        };
        for (int i = 0; i < keys.length; i++) {
            for (int p = 0; p <= i; p++) {
                t.add(keys[i], KeyLayout.hash(keys[i], 0, 5), 100 + i, START + 1_000 * (i + 1) + p);
            }
        }
        FlowRows.Builder b = new FlowRows.Builder(task, 5, 3);
        t.copyTo(b);
        return b.build();
    }

    @Test
    void writtenWindowReadsBackEqual(@TempDir Path root) {
        RunWriter w = RunWriter.create(root, Instant.parse("2026-01-01T00:00:00Z"));
        FlowRows rows = sampleRows();
        w.writeTaskWindow(START, END, rows);
        Path file = w.runDir().resolve("2024-03-01T12-00-00Z/by_five_tuple/flows.nss");
        StoredWindow back = new SnapshotReader().readFlows(file);
        assertEquals(START, back.windowStart());
        assertEquals(END, back.windowEnd());
        assertEquals(rows.task(), back.rows().task());
        assertArrayEquals(rows.keys(), back.rows().keys());
        assertArrayEquals(rows.stats(), back.rows().stats());
        assertTrue(Files.exists(file.resolveSibling(RunWriter.SUMMARY_FILE)));
    }

    @Test
    void secondRunInTheSameSecondGetsItsOwnFolder(@TempDir Path root) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Path a = RunWriter.create(root, now).runDir();
        Path b = RunWriter.create(root, now).runDir();
        assertEquals("run-20260101T000000Z", a.getFileName().toString());
        assertEquals("run-20260101T000000Z-2", b.getFileName().toString());
    }

    @Test
    void goldenVersionOneFileStaysReadable() throws IOException {
        if (Boolean.getBoolean("golden.regenerate")) {
            Files.createDirectories(GOLDEN_V1.getParent());
            Files.write(GOLDEN_V1, new FlowsCodec().encode(new StoredWindow(START, END, sampleRows())));
        }
        StoredWindow w = new SnapshotReader().readFlows(GOLDEN_V1);
        FlowRows expected = sampleRows();
        assertEquals(START, w.windowStart());
        assertEquals(expected.task(), w.rows().task());
        assertEquals(3, w.rows().size());
        assertEquals(6, w.rows().totalPackets());
        assertEquals(rowSet(expected), rowSet(w.rows()), "the same rows (the file keeps the order it was written in)");
    }

    @Test
    void rejectsWrongMagic() {
        byte[] file = encoded();
        file[0] = 'X';
        assertCorrupt(file, "x.nss: corrupt snapshot: not a NetSpectra snapshot file (bad magic)");
    }

    @Test
    void rejectsUnknownFormatVersion() {
        byte[] file = encoded();
        file[SnapshotHeader.VERSION_OFFSET + 1] = 9;
        assertCorrupt(file, "x.nss: corrupt snapshot: unknown format version: expected 1 to 2, actual 9");
    }

    @Test
    void rejectsCorruptBodyByItsChecksum() {
        byte[] file = encoded();
        file[file.length - 3] ^= 0x40;
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> new FlowsCodec().decode("x.nss", file));
        assertTrue(e.getMessage().startsWith("x.nss: corrupt snapshot: body CRC-32: expected "), e.getMessage());
    }

    @Test
    void rejectsTheFileCutAtEveryByte() {
        SnapshotCuts.assertEveryCutRejected(encoded(), new FlowsCodec()::decode);
    }

    /** Returns each row as "key words | stats", in a sorted set, so row order does not matter. */
    static java.util.SortedSet<String> rowSet(FlowRows rows) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < rows.width(); w++) {
                sb.append(rows.keyWord(r, w)).append(' ');
            }
            out.add(sb.append("| ").append(rows.packets(r)).append(' ').append(rows.bytes(r)).append(' ')
                    .append(rows.first(r)).append(' ').append(rows.last(r)).toString());
        }
        return out;
    }

    private static byte[] encoded() {
        return new FlowsCodec().encode(new StoredWindow(START, END, sampleRows()));
    }

    private static void assertCorrupt(byte[] file, String message) {
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> new FlowsCodec().decode("x.nss", file));
        assertEquals(message, e.getMessage());
    }
}
