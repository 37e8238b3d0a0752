package io.netspectra.cli;

import io.netspectra.NetSpectraException.CorruptSnapshotException;
import io.netspectra.report.Json;
import io.netspectra.sketch.SketchRows;
import io.netspectra.sketch.SketchSums;
import io.netspectra.store.SnapshotReader;
import io.netspectra.store.StoredSketches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The format version 2 golden {@code sketches.nss} (a cardinality of DstIP and a per-SrcIP distinct count of
 * testdata/sample.pcap) stays readable with the same estimates, and every damaged form of it is one clear error.
 */
class SketchGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/snapshot-v2");
    private static final String CONFIG = """
            aggregator:
              snapshot_interval: 0
              tasks:
                - {name: by_dst, key_fields: [DstIP]}
                - {name: dsts, type: cardinality, key_fields: [DstIP], exact_limit: 20, lg_k: 10}
                - {name: by_src, key_fields: [SrcIP], distinct: [DstPort], exact_limit: 2}
            """;

    @TempDir
    Path dir;

    private static Path golden(String task) {
        return GOLDEN.resolve(task).resolve("sketches.nss");
    }

    @Test
    @SuppressWarnings("unchecked")
    void goldenVersionTwoSketchesStayReadableWithTheSameEstimates() throws IOException {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, CONFIG);
        CliRun run = CliRun.run("analyze", "-q", "--format", "json", "-c", config.toString(), "-o",
                dir.resolve("out").toString(), SnapshotFixture.SAMPLE.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        if (Boolean.getBoolean("golden.regenerate")) {
            for (String task : List.of("dsts", "by_src")) {
                try (Stream<Path> s = Files.walk(dir.resolve("out"))) {
                    Path written = s.filter(p -> p.endsWith(Path.of(task, "sketches.nss"))).findFirst().orElseThrow();
                    Files.createDirectories(golden(task).getParent());
                    Files.copy(written, golden(task), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Map<String, Object> report = Json.object(run.out());
        long dstKeys = ((Number) SketchTraffic.task(report, "tasks", "by_dst").get("flows")).longValue();
        StoredSketches card = new SnapshotReader().readSketches(golden("dsts"));
        assertEquals("dsts", card.task().name());
        SketchRows rows = SketchSums.sum(List.of(card), -1).get(0);
        long estimate = rows.values().get(0).estimate();
        assertTrue(rows.values().get(0).lower() <= dstKeys && dstKeys <= rows.values().get(0).upper(),
                dstKeys + " distinct DstIP outside " + rows.values().get(0));
        assertEquals(((Number) ((List<Map<String, Object>>) SketchTraffic.task(report, "sketches", "dsts")
                .get("rows")).get(0).get("estimate")).longValue(), estimate, "the golden holds today's estimate");
        SketchRows perSrc = SketchSums.sum(List.of(new SnapshotReader().readSketches(golden("by_src"))), -1).get(0);
        assertEquals(SketchTraffic.task(report, "sketches", "by_src").get("keys"), perSrc.tracked());
    }

    @Test
    void rejectsTheGoldenCutAtEveryByte() throws IOException {
        byte[] file = Files.readAllBytes(golden("dsts"));
        for (int n = 0; n < file.length; n++) {
            Path cut = dir.resolve("cut.nss");
            Files.write(cut, Arrays.copyOf(file, n));
            CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                    () -> new SnapshotReader().readSketches(cut), "cut at " + n);
            assertTrue(e.getMessage().startsWith(cut + ": corrupt snapshot: "), e.getMessage());
        }
    }

    @Test
    void rejectsASketchesFileThatClaimsFormatVersionOne() throws IOException {
        byte[] file = Files.readAllBytes(golden("dsts"));
        file[9] = 1;
        Path bad = dir.resolve("v1.nss");
        Files.write(bad, file);
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> new SnapshotReader().readSketches(bad));
        assertEquals(bad + ": corrupt snapshot: sketches in format version 1: expected 2 or later", e.getMessage());
    }

    @Test
    void aFlowsReaderRefusesASketchesFileByItsKind() {
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> new SnapshotReader().readFlows(golden("dsts")));
        assertTrue(e.getMessage().endsWith("unexpected kind: expected 1, actual 3"), e.getMessage());
    }
}
