package io.netspectra.cli;

import io.netspectra.report.Json;
import io.netspectra.store.RunWriter;
import io.netspectra.store.SnapshotReader;
import io.netspectra.store.StoredWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.netspectra.merge.SnapshotMergerTest.canonical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MergeCommandTest {

    private static Path merge(Path out, Path... inputs) {
        String[] args = new String[3 + inputs.length];
        args[0] = "merge";
        args[1] = "-o";
        args[2] = out.toString();
        for (int i = 0; i < inputs.length; i++) {
            args[3 + i] = inputs[i].toString();
        }
        CliRun r = CliRun.run(args);
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        Path run = Path.of(r.out().strip());
        assertTrue(Files.isDirectory(run), r.out());
        return run;
    }

    private static List<StoredWindow> read(Path dir) {
        return new SnapshotReader().readAll(dir);
    }

    /** Analyzing A, then B, then merging equals analyzing A and B together when their windows do not overlap. */
    @Test
    void mergingSeparateRunsEqualsAnalyzingTheCapturesTogether(@TempDir Path dir) {
        Path a = CliRun.realCaptures().resolve("ndpi_whatsapp_login_call.pcap");
        Path b = CliRun.realCaptures().resolve("ndpi_ocs.pcap");
        Path c = CliRun.realCaptures().resolve("zeek_tcp-timestamp.pcap");
        assumeTrue(Files.exists(a) && Files.exists(b) && Files.exists(c), "real captures not present");
        Path runA = SnapshotFixture.analyze(dir.resolve("a"), "1s", a);
        Path runB = SnapshotFixture.analyze(dir.resolve("b"), "1s", b);
        Path runC = SnapshotFixture.analyze(dir.resolve("c"), "1s", c);
        Path together = SnapshotFixture.analyze(dir.resolve("abc"), "1s", a, b, c);

        Path merged = merge(dir.resolve("m"), runA, runB, runC);
        assertEquals(canonical(read(together)), canonical(read(merged)));
        Path ab = merge(dir.resolve("ab"), runA, runB);
        Path abThenC = merge(dir.resolve("ab-c"), ab, runC);
        Path cba = merge(dir.resolve("cba"), runC, dir.resolve("b"), runA);
        assertEquals(canonical(read(together)), canonical(read(abThenC)));
        assertEquals(canonical(read(together)), canonical(read(cba)));

        CliRun show = CliRun.run("show", merged.toString(), "--format", "json");
        CliRun showTogether = CliRun.run("show", together.toString(), "--format", "json");
        assertEquals(showTogether.out(), show.out());
        assertEquals(ExitCodes.OK, CliRun.run("diff", together.toString(), merged.toString()).exitCode());
    }

    @Test
    void mergingARunWithItselfDoublesPacketsAndBytesAndKeepsTimes(@TempDir Path dir) throws IOException {
        Path run = SnapshotFixture.analyze(dir.resolve("s"), "10ms", SnapshotFixture.SAMPLE);
        Path merged = merge(dir.resolve("m"), run, run);
        CliRun once = CliRun.run("show", run.toString(), "--task", "by_protocol", "--format", "json");
        CliRun twice = CliRun.run("show", merged.toString(), "--task", "by_protocol", "--format", "json");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> a = (List<Map<String, Object>>) ((List<Map<String, Object>>) Json.object(once.out())
                .get("tasks")).get(0).get("rows");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> b = (List<Map<String, Object>>) ((List<Map<String, Object>>) Json.object(twice.out())
                .get("tasks")).get(0).get("rows");
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(2 * (Long) a.get(i).get("packets"), b.get(i).get("packets"));
            assertEquals(2 * (Long) a.get(i).get("bytes"), b.get(i).get("bytes"));
            assertEquals(a.get(i).get("first"), b.get(i).get("first"));
            assertEquals(a.get(i).get("last"), b.get(i).get("last"));
        }
        Map<String, Object> manifest = Json.object(Files.readString(merged.resolve(RunWriter.MANIFEST_FILE)));
        assertEquals("netspectra-merge-manifest/1", manifest.get("format"));
        assertEquals(6L, manifest.get("windows_written"));
        assertEquals(List.of(run.toString(), run.toString()), manifest.get("sources"));
    }

    @Test
    void rejectsRunsWithDifferentIntervalsAndBadInputsWithExitThree(@TempDir Path dir) {
        Path ten = SnapshotFixture.analyze(dir.resolve("10"), "10ms", SnapshotFixture.SAMPLE);
        Path twenty = SnapshotFixture.analyze(dir.resolve("20"), "20ms", SnapshotFixture.SAMPLE);
        CliRun r = CliRun.run("merge", "-o", dir.resolve("m").toString(), ten.toString(), twenty.toString());
        assertEquals(ExitCodes.INPUT, r.exitCode());
        assertEquals("ns-cli: windows starting at 1709294400.000000000 end at 1709294400.010000000 and at "
                + "1709294400.020000000 (different snapshot intervals); cannot merge them\n", r.err());
        assertTrue(Files.notExists(dir.resolve("m")), "nothing written");
        CliRun missing = CliRun.run("merge", "-o", dir.resolve("m").toString(), dir.resolve("nope").toString());
        assertEquals(ExitCodes.INPUT, missing.exitCode());
        assertEquals(ExitCodes.USAGE, CliRun.run("merge", ten.toString()).exitCode());
    }

    @Test
    void reportsAnUnwritableOutputWithExitFive(@TempDir Path dir) throws IOException {
        Path run = SnapshotFixture.analyze(dir.resolve("s"), "0", SnapshotFixture.SAMPLE);
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun r = CliRun.run("merge", "-o", file.resolve("out").toString(), run.toString());
        assertEquals(ExitCodes.OUTPUT, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
