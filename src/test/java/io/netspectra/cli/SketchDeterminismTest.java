package io.netspectra.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sketch results depend only on the input and the config: the JSON report (exact flows and every sketch, heavy hitters
 * with purges included) is byte-identical at any worker count and snapshot interval.
 */
class SketchDeterminismTest {

    private static String analyze(Path config, List<Path> captures, String workers, String interval) {
        List<String> args = new ArrayList<>(List.of("analyze", "--format", "json", "--no-snapshots", "-q",
                "--allow-damaged", "-c", config.toString(), "--workers", workers, "--snapshot-interval", interval));
        captures.forEach(p -> args.add(p.toString()));
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        return run.out();
    }

    private static void assertSameEverywhere(Path config, List<Path> captures, String... intervals) {
        String reference = null;
        for (String workers : new String[] {"1", "2", "4"}) {
            for (String interval : intervals) {
                String out = analyze(config, captures, workers, interval);
                if (reference == null) {
                    reference = out;
                    assertTrue(out.contains("\"sketches\""), out);
                } else {
                    assertEquals(reference, out, "workers " + workers + ", interval " + interval);
                }
            }
        }
    }

    @Test
    @Timeout(300)
    void sketchReportIsIdenticalAtAnyWorkerCountAndIntervalOnGeneratedAttacks(@TempDir Path dir) {
        List<Path> captures = SketchTraffic.write(dir);
        assertSameEverywhere(dir.resolve("sketches.yaml"), captures, "0", "50ms", "200ms", "1s");
    }

    @Test
    @Timeout(120)
    void sketchReportIsIdenticalAtAnyWorkerCountAndIntervalOnARealCapture(@TempDir Path dir) throws Exception {
        Path capture = CliRun.realCaptures().resolve("ndpi_sites.pcapng");
        Assumptions.assumeTrue(Files.exists(capture), "missing " + capture);
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, """
                aggregator:
                  tasks:
                    - name: by_src
                      key_fields: [SrcIP]
                      distinct: [DstIP, DstPort]
                      exact_limit: 5
                      lg_k: 5
                    - name: talkers
                      type: heavy_hitters
                      key_fields: [SrcIP, DstIP]
                      lg_k: 4
                    - name: ports
                      type: cardinality
                      key_fields: [DstPort]
                      exact_limit: 10
                """);
        assertSameEverywhere(config, List.of(capture), "0", "1s", "1h", "30d");
    }
}
