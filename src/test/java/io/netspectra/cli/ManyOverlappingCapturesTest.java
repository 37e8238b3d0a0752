package io.netspectra.cli;

import io.netspectra.gen.GenSpec;
import io.netspectra.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Captures that overlap in time are all open at once, each with a read window. The windows shrink as more are open,
 * and past the budget for windows outside the heap, or a lower cap set on the JVM, they are heap buffers: 2,000
 * captures are read whole in a 96 MiB heap.
 */
class ManyOverlappingCapturesTest {
    private static final int CAPTURES = 2_000;
    private static final int PACKETS = 50;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void twoThousandOverlappingCapturesAreReadWholeInASmallHeap(@TempDir Path dir) throws Exception {
        Path one = AnalyzeInputsTest.generate(dir.resolve("one.pcap"), PACKETS, 3, GenSpec.DEFAULT_START_NANOS);
        Path inputs = Files.createDirectories(dir.resolve("inputs"));
        for (int i = 0; i < CAPTURES; i++) {
            Files.copy(one, inputs.resolve(String.format("c%03d.pcap", i)));
        }
        // 2,000 windows of 64 KiB (the least for a small file) would take 125 MiB, more than the heap; shrunk as
        // more are open, they pass the budget of an eighth of the heap (12 MiB) for direct ones and, in the second
        // run, a JVM cap of 2 MiB on direct memory.
        for (String cap : List.of("-XX:MaxDirectMemorySize=96m", "-XX:MaxDirectMemorySize=2m")) {
            Map<String, Object> report = analyze(dir, inputs, cap);
            assertEquals(CAPTURES, ((List<?>) report.get("inputs")).size(), cap);
            assertEquals((long) CAPTURES * PACKETS, totals(report).get("packets"), cap);
        }
    }

    private static Map<String, Object> analyze(Path dir, Path inputs, String cap) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", cap, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "analyze", "-q", "--no-snapshots", "--format", "json", inputs.toString()));
        Path out = dir.resolve("out.json");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(p.waitFor(80, TimeUnit.SECONDS), "finished");
        } finally {
            p.destroyForcibly();
        }
        String errors = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(ExitCodes.OK, p.exitValue(), errors);
        // Nothing from ns-cli: no refused capture, no damage (the JVM's own notices aside).
        assertEquals(List.of(), errors.lines().filter(l -> l.startsWith("ns-cli")).toList());
        return Json.object(Files.readString(out, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> totals(Map<String, Object> report) {
        Map<String, Object> t = (Map<String, Object>) report.get("totals");
        return Map.of("packets", ((Number) t.get("packets")).longValue());
    }
}
