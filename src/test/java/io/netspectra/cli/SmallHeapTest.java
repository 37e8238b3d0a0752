package io.netspectra.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small heaps: a capture with more keys than the heap holds in windows completes with the automatic key limit and
 * reports exactly what a large heap reports (without the limit the same run dies with OutOfMemoryError at this heap:
 * measured, see docs/robustness.md; not asserted, as it depends on the JVM's collector); reports are printed in a
 * heap that could not hold them as one string; and running out of memory is one line.
 */
class SmallHeapTest {
    private static final String HEAP = "-Xmx96m";

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void manyKeysInASmallHeapGiveTheSameReportAsALargeHeap(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("keys.pcap");
        CliRun gen = CliRun.run("pcapgen", "-n", "250000", "--flows", "4000000", "--zipf", "0", "--rate", "1000000",
                "--snaplen", "96", "-o", capture.toString());
        assertEquals(ExitCodes.OK, gen.exitCode(), gen.err());

        List<String> args = List.of("analyze", "-q", "--format", "json", "--top", "25", "-o",
                dir.resolve("small").toString(), capture.toString());
        Path out = dir.resolve("small.json");
        Path err = dir.resolve("small.err");
        assertEquals(ExitCodes.OK, runInHeap(HEAP, args, out, err), Files.readString(err));

        List<String> inProcess = new ArrayList<>(args);
        inProcess.set(inProcess.indexOf(dir.resolve("small").toString()), dir.resolve("large").toString());
        CliRun large = CliRun.run(inProcess.toArray(String[]::new));
        assertEquals(ExitCodes.OK, large.exitCode(), large.err());
        assertEquals(large.out(), Files.readString(out, StandardCharsets.UTF_8));

        String manifest = Files.readString(onlyRun(dir.resolve("small")).resolve("manifest.json"));
        assertTrue(manifest.contains("\"early_flushes\": [\n"), "early flushes recorded: " + manifest);
    }

    /**
     * Every key of 200,000 packets as JSON is 31 MB of text, which a report built whole as one string (and grown by
     * doubling) could not hold in a 64 MiB heap: it failed there with OutOfMemoryError (and at 96 MiB). Printed a chunk
     * at a time, it completes, byte for byte what a large heap prints; as do ndjson and csv.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aReportOfEveryKeyIsPrintedInAHeapThatCouldNotHoldItAsOneString(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("flows.pcap");
        CliRun gen = CliRun.run("pcapgen", "-n", "200000", "--seed", "42", "-o", capture.toString());
        assertEquals(ExitCodes.OK, gen.exitCode(), gen.err());
        for (String format : List.of("json", "ndjson", "csv")) {
            List<String> args = List.of("analyze", "-q", "--no-snapshots", "--format", format, capture.toString());
            Path out = dir.resolve("small." + format);
            Path err = dir.resolve("small." + format + ".err");
            assertEquals(ExitCodes.OK, runInHeap("-Xmx64m", args, out, err), format + ": " + Files.readString(err));
            CliRun large = CliRun.run(args.toArray(String[]::new));
            assertEquals(ExitCodes.OK, large.exitCode(), large.err());
            // json 31 MB, ndjson 19 MB, csv 10 MB: each well past what the heap could hold as one growing string.
            assertTrue(large.out().length() > 5_000_000, format + " report of " + large.out().length() + " chars");
            assertEquals(large.out(), Files.readString(out, StandardCharsets.UTF_8), format);
        }
    }

    /**
     * Running out of memory, here in {@code diff} (which keys every row by its text) at 48 MiB, is one line naming
     * the way out and exit 1, not the JVM's stack trace.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void runningOutOfMemoryIsOneLineAndExitOne(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("flows.pcap");
        assertEquals(ExitCodes.OK, CliRun.run("pcapgen", "-n", "200000", "--seed", "42", "-o", capture.toString())
                .exitCode());
        for (String run : List.of("a", "b")) {
            CliRun analyze = CliRun.run("analyze", "-q", "-o", dir.resolve(run).toString(), capture.toString());
            assertEquals(ExitCodes.OK, analyze.exitCode(), analyze.err());
        }
        Path err = dir.resolve("diff.err");
        int exit = runInHeap("-Xmx48m", List.of("diff", dir.resolve("a").toString(), dir.resolve("b").toString()),
                dir.resolve("diff.out"), err);
        String lines = Files.readString(err);
        assertEquals(ExitCodes.INTERNAL, exit, lines);
        assertEquals(1, lines.lines().count(), lines);
        assertTrue(lines.startsWith("ns-cli: out of memory ("), lines);
        assertTrue(lines.contains("-Xmx"), lines);
    }

    /**
     * Runs {@code ns-cli args} in a child JVM with the heap option {@code heap}, its output and errors to
     * {@code out} and {@code err}; returns its exit code.
     */
    private static int runInHeap(String heap, List<String> args, Path out, Path err) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(9, TimeUnit.MINUTES), "finished");
        return p.exitValue();
    }

    private static Path onlyRun(Path root) throws IOException {
        try (var s = Files.list(root)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }
}
