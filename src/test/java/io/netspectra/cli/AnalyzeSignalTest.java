package io.netspectra.cli;

import io.netspectra.gen.GenSpec;
import io.netspectra.report.Json;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGINT or SIGTERM to a running {@code ns-cli analyze} (a real child JVM, fed through standard input) stops reading,
 * cuts the last window, marks the run partial, prints the report of what was read and exits 130 or 143.
 */
@DisabledOnOs(OS.WINDOWS)
class AnalyzeSignalTest {
    private static final int BEFORE = 1000;
    private static final int AFTER = 40;
    private static final int FILE_HEADER = 24;

    @ParameterizedTest
    @CsvSource({"INT, 130", "TERM, 143"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @SuppressWarnings("unchecked")
    void signalStopsAnalyzeWithAPartialRunAndTheReportOfWhatWasRead(String signal, int exitCode, @TempDir Path tmp)
            throws Exception {
        Path capture = AnalyzeInputsTest.generate(tmp.resolve("c.pcap"), BEFORE + AFTER, 1,
                GenSpec.DEFAULT_START_NANOS);
        PcapRecords all = PcapRecords.read(capture);
        byte[] first = all.slice(0, BEFORE).bytes();
        byte[] rest = all.slice(BEFORE, BEFORE + AFTER).bytes();
        Path runs = tmp.resolve("runs");
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "analyze", "--format", "json", "-q", "-w", "2", "-o", runs.toString(), "-")
                .redirectOutput(tmp.resolve("out.json").toFile())
                .redirectError(tmp.resolve("err.txt").toFile())
                .start();
        try (OutputStream stdin = child.getOutputStream()) {
            // The run folder exists once the handlers are installed and before the first frame is read.
            while (!Files.isDirectory(runs) && child.isAlive()) {
                Thread.sleep(20);
            }
            stdin.write(first);
            stdin.flush();
            Thread.sleep(500);
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
            assertEquals(0, kill.waitFor(), "kill");
            Thread.sleep(200);
            try {
                stdin.write(rest, FILE_HEADER, rest.length - FILE_HEADER);   // the records only
                stdin.flush();
            } catch (IOException ignored) {
                // The child may have stopped reading already.
            }
        } catch (IOException ignored) {
            // Broken pipe on close: the child has exited.
        }
        assertTrue(child.waitFor(50, TimeUnit.SECONDS), "child exits");
        String err = Files.readString(tmp.resolve("err.txt"));
        assertEquals(exitCode, child.exitValue(), err);
        assertEquals("", err, "no damage: the stream stayed well-formed");

        Map<String, Object> report = Json.object(Files.readString(tmp.resolve("out.json")));
        assertEquals(true, report.get("partial"));
        long read = ((Number) ((Map<String, Object>) report.get("accounting")).get("read")).longValue();
        assertTrue(read >= 1 && read < BEFORE + AFTER, "packets read before stopping: " + read);
        try (Stream<Path> s = Files.list(runs)) {
            Path run = s.findFirst().orElseThrow();
            Map<String, Object> manifest = Json.object(Files.readString(run.resolve("manifest.json")));
            assertEquals(true, manifest.get("partial"));
            Map<String, Object> counts = (Map<String, Object>) manifest.get("counts");
            assertEquals(read, ((Number) counts.get("packets")).longValue());
            assertTrue(((Number) counts.get("windows_written")).longValue() >= 1, "the last window was written");
        }
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) report.get("tasks");
        assertTrue(!tasks.isEmpty());
    }
}
