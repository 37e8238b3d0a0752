package io.netspectra.cli;

import io.netspectra.report.Json;
import io.netspectra.store.RunWriter;
import io.netspectra.store.SnapshotReader;
import io.netspectra.store.StoredWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code max_keys_per_task}: windows are flushed early when a task reaches the limit, run totals spill to disk, and
 * the report stays exactly what it is without a limit.
 */
class KeyLimitTest {

    @ParameterizedTest(name = "{0}, max keys {1}, interval {2}, workers {3}")
    @CsvSource({
            "ndpi_sites.pcapng, 40, 0, 1",
            "ndpi_sites.pcapng, 40, 0, 4",
            "ndpi_sites.pcapng, 2, 1s, 2",
            "ndpi_whatsapp_login_call.pcap, 25, 0, 2",
            "suricata_dnp3-flood.pcap, 1, 0, 2",
            "zeek_igmp-igmp-many-sources.pcap, 3, 2s, 3"})
    void earlyFlushesAndSpillsLeaveTheReportExactlyAsWithoutALimit(String name, int maxKeys, String interval,
                                                                   int workers, @TempDir Path out)
            throws IOException {
        String capture = CliRun.realCaptures().resolve(name).toString();
        CliRun unlimited = CliRun.run("analyze", "--format", "json", "-q", "--no-snapshots", "--top", "0",
                "--snapshot-interval", interval, capture);
        CliRun unlimitedRows = CliRun.run("analyze", "--format", "json", "-q", "--no-snapshots",
                "--snapshot-interval", interval, capture);
        CliRun limited = CliRun.run("analyze", "--format", "json", "-q", "-o", out.toString(), "--max-keys",
                String.valueOf(maxKeys), "--snapshot-interval", interval, "-w", String.valueOf(workers), capture);
        assertEquals(ExitCodes.OK, limited.exitCode(), limited.err());
        assertEquals(unlimitedRows.out(), limited.out());

        Path runDir = onlyRun(out);
        Map<String, Object> manifest = Json.object(Files.readString(runDir.resolve(RunWriter.MANIFEST_FILE)));
        Map<String, Object> counts = map(manifest.get("counts"));
        assertEquals((long) maxKeys, ((Number) map(manifest.get("config")).get("max_keys_per_task")).longValue());
        List<Object> flushes = list(counts.get("early_flushes"));
        long mostKeys = 0;
        for (Map<String, Object> t : tasks(unlimited.out())) {
            mostKeys = Math.max(mostKeys, ((Number) t.get("flows")).longValue());
        }
        assertTrue(mostKeys > maxKeys, "the capture has more keys (" + mostKeys + ") than the limit");
        assertFalse(flushes.isEmpty(), "a task with more keys than the limit flushes early");
        assertTrue(((Number) counts.get("totals_spills")).longValue() > 0, "run totals spilled");

        for (StoredWindow w : new SnapshotReader().readAll(runDir)) {
            assertTrue(w.rows().size() <= maxKeys, w.rows().task().name() + " window at " + w.windowStart()
                    + " holds " + w.rows().size() + " keys, limit " + maxKeys);
        }
        try (Stream<Path> s = Files.list(runDir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().equals(".spill")), "spill files removed");
        }
    }

    @Test
    void earlyFlushPointsDoNotDependOnTheWorkerCount(@TempDir Path out) throws IOException {
        String capture = CliRun.realCaptures().resolve("ndpi_sites.pcapng").toString();
        String first = null;
        for (int workers : new int[] {1, 2, 4}) {
            Path dir = out.resolve("w" + workers);
            CliRun run = CliRun.run("analyze", "--format", "json", "-q", "-o", dir.toString(), "--max-keys", "30",
                    "-w", String.valueOf(workers), capture);
            assertEquals(ExitCodes.OK, run.exitCode(), run.err());
            Map<String, Object> counts = map(Json.object(Files.readString(onlyRun(dir)
                    .resolve(RunWriter.MANIFEST_FILE))).get("counts"));
            String flushes = String.valueOf(counts.get("early_flushes"));
            if (first == null) {
                first = flushes;
            }
            assertEquals(first, flushes, "workers " + workers);
        }
    }

    @Test
    void rejectsAMaxKeysOfZeroAsUsageError() {
        CliRun run = CliRun.run("analyze", "--max-keys", "0", "testdata/sample.pcap");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("ns-cli: bad --max-keys '0', expected auto or a whole number from 1 to "),
                run.err());
    }

    @Test
    void autoLimitIsRecordedInTheManifest(@TempDir Path out) throws IOException {
        CliRun run = CliRun.run("analyze", "-q", "-o", out.toString(), "testdata/sample.pcap");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        Map<String, Object> config = map(Json.object(Files.readString(onlyRun(out)
                .resolve(RunWriter.MANIFEST_FILE), StandardCharsets.UTF_8)).get("config"));
        assertEquals(Boolean.TRUE, config.get("max_keys_per_task_auto"));
        assertTrue(((Number) config.get("max_keys_per_task")).longValue() >= 10_000);
    }

    private static Path onlyRun(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private static List<Map<String, Object>> tasks(String json) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> t = (List<Map<String, Object>>) Json.object(json).get("tasks");
        return t;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }
}
