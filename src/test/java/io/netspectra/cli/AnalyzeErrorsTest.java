package io.netspectra.cli;

import io.netspectra.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input, bad config and bad output each give one clear line on stderr and the documented exit code. */
class AnalyzeErrorsTest {
    private static final Path REAL = CliRun.realCaptures();

    private static void assumeRealCaptures() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(REAL),
                "real captures not found at " + REAL.toAbsolutePath());
    }

    @Test
    void missingFileExitsThreeWithOneLineNamingIt() {
        CliRun run = CliRun.run("analyze", "--no-snapshots", "-q", "/nonexistent/x.pcap");
        assertEquals(ExitCodes.INPUT, run.exitCode());
        assertEquals("ns-cli: /nonexistent/x.pcap: no such file\n", run.err());
    }

    @Test
    void fileThatIsNotACaptureExitsThree(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("notes.pcap");
        Files.writeString(text, "hello, this is not a capture\n");
        CliRun run = CliRun.run("analyze", "--no-snapshots", "-q", text.toString());
        assertEquals(ExitCodes.INPUT, run.exitCode());
        assertEquals("ns-cli: " + text + ": not a capture file (magic 0x68656c6c is neither pcap nor pcapng)\n",
                run.err());
    }

    @Test
    void damagedCaptureCountsPacketsBeforeTheDamageAndExitsThree() {
        assumeRealCaptures();
        Path capture = REAL.resolve("suricata_bug-1450-04.pcap");
        CliRun run = CliRun.run("analyze", "--no-snapshots", "-q", "--format", "json", capture.toString());
        assertEquals(ExitCodes.INPUT, run.exitCode());
        assertTrue(run.err().startsWith("ns-cli: " + capture + ": damaged at byte "), run.err());
        assertTrue(run.err().contains("captured length 4325376 exceeds 262144"), run.err());
        assertEquals(1, run.err().lines().count(), "one line");
        Map<String, Object> input = firstInput(run.out());
        assertEquals(Boolean.TRUE, input.get("damaged"));
        assertEquals(6L, input.get("packets"));
    }

    @Test
    void allowDamagedExitsZeroAndStillMarksTheInput() {
        assumeRealCaptures();
        Path capture = REAL.resolve("suricata_http-mime-truncated.pcap");
        CliRun run = CliRun.run("analyze", "--no-snapshots", "-q", "--allow-damaged", "--format", "json",
                capture.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.err().contains("record header incomplete"), run.err());
        assertEquals(Boolean.TRUE, firstInput(run.out()).get("damaged"));
    }

    @Test
    void badConfigExitsTwoNamingFileLineAndValue(@TempDir Path dir) throws IOException {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, """
                aggregator:
                  snapshot_interval: 30s
                  tasks:
                    - {name: by_mac, key_fields: [SrcMac]}
                """);
        CliRun run = CliRun.run("analyze", "--no-snapshots", "-q", "-c", cfg.toString(),
                REAL.resolve("ndpi_vxlan.pcap").toString());
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals("ns-cli: " + cfg + ":4: unknown key field 'SrcMac', expected one of SrcIP, DstIP, SrcPort, "
                + "DstPort, Protocol\n", run.err());
    }

    @Test
    void unwritableOutputFolderExitsFiveBeforeAnyInputIsRead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        Path output = file.resolve("snapshots");
        CliRun run = CliRun.run("analyze", "-q", "-o", output.toString(), "/nonexistent/x.pcap");
        assertEquals(ExitCodes.OUTPUT, run.exitCode());
        assertTrue(run.err().startsWith("ns-cli: cannot create snapshot folder " + output), run.err());
        assertFalse(run.err().contains("x.pcap"), "no input was touched: " + run.err());
        assertEquals("", run.out());
    }

    @Test
    void unknownOptionExitsTwo() {
        CliRun run = CliRun.run("analyze", "--frobnicate", "x.pcap");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("ns-cli: Unknown option: '--frobnicate'"), run.err());
    }

    @Test
    void badSnapshotIntervalOptionExitsTwo() {
        CliRun run = CliRun.run("analyze", "--snapshot-interval", "soon", "x.pcap");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("bad --snapshot-interval 'soon'"), run.err());
    }

    @Test
    void helpListsTheExitCodes() {
        CliRun run = CliRun.run("analyze", "--help");
        assertEquals(ExitCodes.OK, run.exitCode());
        assertTrue(run.out().contains("Exit codes:"), run.out());
        assertTrue(run.out().contains("3  input missing, unreadable, not a capture, or damaged"), run.out());
    }

    @Test
    void goodInputsStillReportWhenAnotherInputIsMissing() {
        assumeRealCaptures();
        CliRun run = CliRun.run("analyze", "--no-snapshots", "-q", "--format", "json",
                REAL.resolve("ndpi_vxlan.pcap").toString(), "/nonexistent/y.pcap");
        assertEquals(ExitCodes.INPUT, run.exitCode());
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = (Map<String, Object>) Json.object(run.out()).get("totals");
        assertEquals(127L, totals.get("packets"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstInput(String json) {
        return ((List<Map<String, Object>>) Json.object(json).get("inputs")).get(0);
    }
}
