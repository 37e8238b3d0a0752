package io.netspectra.store;

import io.netspectra.NetSpectraException.CorruptSnapshotException;
import io.netspectra.config.ConnectionOptions;
import io.netspectra.config.TaskSpec;
import io.netspectra.connections.ConnectionRows;
import io.netspectra.connections.EndReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code connections.nss}: written through the run writer, read back equal, every damaged form refused in one line. */
class ConnectionsFilesTest {
    private static final long S = 1_000_000_000L;
    private static final long START = 1_709_294_400L * S;
    private static final Path GOLDEN = Path.of("src/test/resources/golden/snapshot-v2/conns/connections.nss");
    private static final TaskSpec TASK = TaskSpec.connections("conns",
            new ConnectionOptions(300 * S, 60 * S, 60 * S, 0, 5 * S));

    /** A TCP record that ended with FIN and an ICMP echo that was still open at the end. */
    private static ConnectionRows rows() {
        long[] words = {
            0, 0x0A000001L, 0, 0x0A000002L, 6 | 40000L << 8 | 80L << 24, START, START + 2 * S, 5, 400, 4, 3000,
            0x13 | 0x11L << 8 | (long) EndReason.FIN.ordinal() << 16,
            0, 0x01020304L, 0, 0x05060708L, 1, START + S, START + S, 1, 98, 1, 98,
            (long) EndReason.END.ordinal() << 16 | 1L << 20 | (8L << 8) << 24,
        };
        return new ConnectionRows(TASK, 2, words);
    }

    private static byte[] encoded() {
        return new ConnectionsCodec().encode(new StoredConnections(START, START + 60 * S, rows()));
    }

    @Test
    void writtenConnectionsReadBackEqual(@TempDir Path root) {
        RunWriter w = RunWriter.create(root, Instant.parse("2026-01-01T00:00:00Z"));
        w.writeConnections(START, START + 60 * S, rows());
        List<StoredConnections> back = new SnapshotReader().readAllConnections(w.runDir());
        assertEquals(1, back.size());
        StoredConnections c = back.get(0);
        assertEquals(START, c.windowStart());
        assertEquals(START + 60 * S, c.windowEnd());
        assertEquals(TASK, c.rows().task());
        assertArrayEquals(rows().words(), c.rows().words());
        assertEquals(EndReason.FIN, c.rows().reason(0));
        assertEquals(8 << 8, c.rows().icmpTypeCode(1));
        assertEquals("1:crodRHL2FEsHjbv3UkRrfbs4bZ0=", c.rows().communityId(1));
        assertTrue(w.runDir().resolve(RunWriter.windowName(START)).resolve("conns")
                .resolve(RunWriter.CONNECTIONS_FILE).toFile().isFile());
    }

    @Test
    void flowsReaderRefusesAConnectionsFileByItsKind() {
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> new FlowsCodec().decode("connections.nss", encoded()));
        assertEquals("connections.nss: corrupt snapshot: unexpected kind: expected 1, actual 4", e.getMessage());
    }

    @Test
    void connectionsAndSketchesFilesRefuseEachOtherByKind() {
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> new SketchesCodec().decode("connections.nss", encoded()));
        assertEquals("connections.nss: corrupt snapshot: unexpected kind: expected 3, actual 4", e.getMessage());
        byte[] sketches = SnapshotHeader.wrap(SnapshotHeader.KIND_SKETCHES, new byte[0], 0);
        e = assertThrows(CorruptSnapshotException.class, () -> new ConnectionsCodec().decode("sketches.nss", sketches));
        assertEquals("sketches.nss: corrupt snapshot: unexpected kind: expected 4, actual 3", e.getMessage());
    }

    @Test
    void connectionsFilesAreKindFourInFormatVersionTwoWithKryoIdOneHundredThree() {
        ByteBuffer header = ByteBuffer.wrap(encoded());
        assertEquals(2, header.getShort(SnapshotHeader.VERSION_OFFSET));
        assertEquals(4, header.getShort(SnapshotHeader.KIND_OFFSET));
        assertEquals(103, ConnectionsCodec.STORED_CONNECTIONS_ID);
        assertTrue(ConnectionsCodec.STORED_CONNECTIONS_ID != SketchesCodec.STORED_SKETCHES_ID
                && ConnectionsCodec.STORED_CONNECTIONS_ID != BinsCodec.STORED_BINS_ID);
    }

    @Test
    void rejectsAConnectionsFileThatClaimsFormatVersionOne() {
        byte[] file = encoded();
        file[SnapshotHeader.VERSION_OFFSET + 1] = 1;
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> new ConnectionsCodec().decode("v1.nss", file));
        assertEquals("v1.nss: corrupt snapshot: connections in format version 1: expected 2 or later",
                e.getMessage());
    }

    @Test
    void goldenVersionTwoConnectionsFileStaysReadable() throws IOException {
        if (Boolean.getBoolean("golden.regenerate")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.write(GOLDEN, encoded());
        }
        StoredConnections c = new SnapshotReader().readConnections(GOLDEN);
        assertEquals(START, c.windowStart());
        assertEquals(START + 60 * S, c.windowEnd());
        assertEquals(TASK, c.rows().task());
        assertArrayEquals(rows().words(), c.rows().words());
        assertEquals("1:crodRHL2FEsHjbv3UkRrfbs4bZ0=", c.rows().communityId(1));
    }

    @Test
    void rejectsTheFileCutAtEveryByte() {
        SnapshotCuts.assertEveryCutRejected(encoded(), new ConnectionsCodec()::decode);
    }

    @Test
    void rejectsABadReasonAndAnImpossibleRowCountInABodyWithAValidChecksum() {
        byte[] file = encoded();
        byte[] body = Arrays.copyOfRange(file, SnapshotHeader.SIZE, file.length);
        byte[] badReason = body.clone();
        // The last word of the last row (Kryo writes longs little-endian): set the reason bits to 9.
        ByteBuffer.wrap(badReason).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(badReason.length - 8, 9L << 16);
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> new ConnectionsCodec()
                .decode("r.nss", SnapshotHeader.wrap(SnapshotHeader.KIND_CONNECTIONS, badReason, badReason.length)));
        assertTrue(e.getMessage().contains("end reason 9"), e.getMessage());
        // Row count (varint 2 just before the rows) raised to a count the bytes cannot hold.
        byte[] huge = body.clone();
        int countAt = huge.length - 2 * ConnectionRows.WORDS * 8 - 1;
        assertEquals(2, huge[countAt]);
        huge[countAt] = 100;
        e = assertThrows(CorruptSnapshotException.class, () -> new ConnectionsCodec()
                .decode("h.nss", SnapshotHeader.wrap(SnapshotHeader.KIND_CONNECTIONS, huge, huge.length)));
        assertTrue(e.getMessage().contains("row count 100"), e.getMessage());
    }
}
