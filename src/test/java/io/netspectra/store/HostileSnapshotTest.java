package io.netspectra.store;

import com.esotericsoftware.kryo.io.Output;
import io.netspectra.NetSpectraException.CorruptSnapshotException;
import io.netspectra.config.KeyField;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshot bodies whose counts claim far more data than the file holds (found by {@code fuzz.SnapshotFuzzTest}, see
 * docs/robustness.md). Behind a valid header and CRC they reached Kryo, which allocates a string's characters and a
 * long array's elements before reading them, so a 40-byte file could demand gigabytes: an OutOfMemoryError instead
 * of "corrupt snapshot". Both must be refused as corrupt, without allocating what they claim.
 */
class HostileSnapshotTest {

    @Test
    void aTaskNameClaimingAGigabyteOfCharactersIsCorruptNotOutOfMemory() {
        Output body = new Output(64);
        body.writeVarIntFlag(true, (1 << 30) + 1, true);  // UTF-8 string of 2^30 characters, none present
        body.writeByte('x');
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> new FlowsCodec().decode("hostile.nss", withHeader(body)));
        assertTrue(e.getMessage().contains("string of 1073741824 characters, 1 bytes left"), e.getMessage());
    }

    @Test
    void aRowCountBeyondTheBodyIsCorruptNotOutOfMemory() {
        Output body = new Output(64);
        body.writeString("by_five_tuple");
        body.writeVarInt(1, true);
        body.writeVarInt(KeyField.SRC_IP.ordinal(), true);
        body.writeLong(0);
        body.writeLong(30_000_000_000L);
        body.writeVarInt(5, true);        // key width
        body.writeVarInt(1 << 28, true);  // rows: 2^28 * 9 longs = 18 GiB claimed
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> new FlowsCodec().decode("hostile.nss", withHeader(body)));
        assertTrue(e.getMessage().contains("rows 268435456 of width 5 need more than the 0 bytes left"),
                e.getMessage());
    }

    @Test
    void theFuzzersFindingAStringOf134MillionCharactersIn11BytesIsCorrupt() throws Exception {
        Path finding = Path.of("src/test/resources/io/netspectra/fuzz/SnapshotFuzzTestInputs/fuzzSnapshotFile",
                "crash-kryo-string-length-oom");
        byte[] body = Files.readAllBytes(finding);  // 11 bytes; the fuzz test gives them a valid header
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> new FlowsCodec().decode("finding.nss", SnapshotHeader.wrap(SnapshotHeader.KIND_FLOWS, body,
                        body.length)));
        assertTrue(e.getMessage().contains("string of 134212217 characters, 6 bytes left"), e.getMessage());
    }

    @Test
    void aNullTaskNameIsCorrupt() {
        Output body = new Output(64);
        body.writeString(null);
        body.writeVarInt(1, true);
        body.writeVarInt(KeyField.SRC_IP.ordinal(), true);
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> new FlowsCodec().decode("hostile.nss", withHeader(body)));
        assertTrue(e.getMessage().contains("task name is null"), e.getMessage());
    }

    private static byte[] withHeader(Output body) {
        return SnapshotHeader.wrap(SnapshotHeader.KIND_FLOWS, body.getBuffer(), body.position());
    }
}
