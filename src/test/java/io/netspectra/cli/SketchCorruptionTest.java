package io.netspectra.cli;

import io.netspectra.NetSpectraException;
import io.netspectra.sketch.SketchSums;
import io.netspectra.store.SnapshotReader;
import io.netspectra.store.StoredSketches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Damaged sketch bodies behind a valid header and CRC (so the damage reaches Kryo and DataSketches) either read as
 * some sketch or fail as a {@link NetSpectraException}: never another exception type.
 */
class SketchCorruptionTest {
    private static final String CONFIG = """
            aggregator:
              snapshot_interval: 0
              tasks:
                - {name: hh, type: heavy_hitters, key_fields: [SrcIP, DstPort], lg_k: 4, k: 3}
                - {name: card, type: cardinality, key_fields: [DstIP], exact_limit: 5, lg_k: 6}
                - {name: per_src, key_fields: [SrcIP], distinct: [DstIP], exact_limit: 2, lg_k: 5}
            """;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void randomlyDamagedSketchBodiesFailOnlyAsNetSpectraExceptions() throws IOException {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, CONFIG);
        CliRun run = CliRun.run("analyze", "-q", "-c", config.toString(), "-o", dir.resolve("out").toString(),
                SnapshotFixture.SAMPLE.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir.resolve("out"))) {
            files = s.filter(p -> p.getFileName().toString().equals("sketches.nss")).toList();
        }
        assertEquals(3, files.size());
        Random random = new Random(20261125);
        int rejected = 0;
        for (Path original : files) {
            byte[] good = Files.readAllBytes(original);
            for (int trial = 0; trial < 700; trial++) {
                byte[] bad = good.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    int at = 32 + random.nextInt(bad.length - 32);
                    bad[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : bad[at] ^ (1 << random.nextInt(8)));
                }
                CRC32 crc = new CRC32();
                crc.update(bad, 32, bad.length - 32);
                ByteBuffer.wrap(bad).putInt(24, (int) crc.getValue());
                Path file = dir.resolve("bad.nss");
                Files.write(file, bad);
                try {
                    StoredSketches s = new SnapshotReader().readSketches(file);
                    SketchSums.sum(List.of(s), -1);
                    SketchSums.mergeWindows(List.of(s, s));
                } catch (NetSpectraException e) {
                    rejected++;
                    assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                } catch (RuntimeException | OutOfMemoryError e) {
                    fail(original.getParent().getFileName() + " trial " + trial + ": " + e, e);
                }
            }
        }
        assertTrue(rejected > 100, "only " + rejected + " damaged files were rejected");
    }
}
