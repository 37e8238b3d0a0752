package io.netspectra.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * {@code scripts/jvm-defaults.sh}'s {@code ns_jit_for}, which the launcher calls with its arguments: the quick
 * compiler alone for an {@code analyze} (or check, show, diff, merge) whose inputs are small, the JVM's default
 * otherwise. Run through bash with a
 * limit of 10,000 bytes (NS_CLI_C1_BYTES) so that small files stand for large captures.
 */
class LauncherJitTest {
    private static final String C1 = "-XX:TieredStopAtLevel=1";

    /** Returns what ns_jit_for adds for {@code args}, with NS_CLI_JAVA_OPTS set to {@code javaOpts}. */
    private static String jitFor(String javaOpts, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                "source scripts/jvm-defaults.sh; ns_jvm_defaults=(); ns_jit_for \"$@\"; echo \"${ns_jvm_defaults[*]}\"",
                "ns-jit-test"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("NS_CLI_C1_BYTES", "10000");
        env.put("NS_CLI_JAVA_OPTS", javaOpts);
        env.remove("JDK_JAVA_OPTIONS");
        env.remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static Path file(Path dir, String name, int bytes) throws IOException {
        return Files.write(dir.resolve(name), new byte[bytes]);
    }

    @Test
    void anAnalyzeOfSmallInputsGetsTheQuickCompilerAlone(@TempDir Path dir) throws Exception {
        Path small = file(dir, "a.pcap", 4_000);
        Path other = file(dir, "b.pcap", 4_000);
        assertEquals(C1, jitFor("", "analyze", "-q", small.toString()));
        assertEquals(C1, jitFor("", "analyze", small.toString(), other.toString()), "8,000 bytes in all");
        assertEquals(C1, jitFor("", "analyze", dir.toString()), "a folder counts the files below it");
    }

    @Test
    void largeInputsStandardInputAndOtherCommandsKeepTheDefault(@TempDir Path dir) throws Exception {
        Path small = file(dir, "a.pcap", 6_000);
        Path more = file(dir, "b.pcap", 6_000);
        assertEquals("", jitFor("", "analyze", small.toString(), more.toString()), "12,000 bytes in all");
        assertEquals("", jitFor("", "analyze", "-"), "standard input: size unknown");
        assertEquals("", jitFor("", "analyze", dir + "/*.pcap"), "a glob the shell left alone is expanded");
        assertEquals("", jitFor("", "inspect", small.toString()), "inspect prints frame by frame");
        assertEquals("", jitFor("", "pcapgen", "-n", "10000000", "-o", small.toString()), "nothing to size");
    }

    @Test
    void showDiffCheckAndMergeOfSmallInputsGetTheQuickCompilerToo(@TempDir Path dir) throws Exception {
        Path report = file(dir, "current.json", 2_000);
        Path baseline = file(dir, "baseline.json", 2_000);
        assertEquals(C1, jitFor("", "diff", baseline.toString(), report.toString(), "--junit", "out.xml"));
        assertEquals(C1, jitFor("", "show", "--top", "5", dir.toString()));
        assertEquals(C1, jitFor("", "check", file(dir, "a.pcap", 1_000).toString(), "--rules", "r.yaml"));
        assertEquals("", jitFor("", "merge", "-o", dir.resolve("m").toString(), file(dir, "big", 20_000).toString()));
    }

    @Test
    void aCompressedInputCountsFourTimesItsSize(@TempDir Path dir) throws Exception {
        assertEquals(C1, jitFor("", "analyze", file(dir, "a.pcap", 3_000).toString()));
        assertEquals("", jitFor("", "analyze", file(dir, "a.pcap.gz", 3_000).toString()));
    }

    @Test
    void theLauncherKnowsEveryOptionThatTakesAValue() throws IOException {
        // ns_jit_for skips the argument after each of these; an option added to a command without being added there
        // would have its value (say a large folder) sized as an input.
        String script = Files.readString(Path.of("scripts/jvm-defaults.sh"), StandardCharsets.UTF_8);
        int start = script.indexOf("-c | --config");
        String known = script.substring(start, script.indexOf("skip=1", start));
        CommandLine cl = NsCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<String> missing = new ArrayList<>();
        for (String command : List.of("analyze", "check", "show", "diff", "merge")) {
            for (CommandLine.Model.OptionSpec o : cl.getSubcommands().get(command).getCommandSpec().options()) {
                if (o.arity().max() == 0) {
                    continue;
                }
                for (String name : o.names()) {
                    if (!List.of(known.split("[\\s|\\\\)]+")).contains(name)) {
                        missing.add(command + " " + name);
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void optionValuesAreNotInputs(@TempDir Path dir) throws Exception {
        Path small = file(dir, "a.pcap", 1_000);
        Path snapshots = Files.createDirectories(dir.resolve("out"));
        file(snapshots, "old.nss", 50_000);
        assertEquals(C1, jitFor("", "analyze", "-o", snapshots.toString(), "--format", "json", small.toString()));
        assertEquals(C1, jitFor("", "analyze", "--output=" + snapshots, small.toString()));
    }

    @Test
    void optionsThatChooseACompilerModeWin(@TempDir Path dir) throws Exception {
        Path small = file(dir, "a.pcap", 1_000);
        assertEquals("", jitFor("-XX:TieredStopAtLevel=4", "analyze", small.toString()));
        assertEquals("", jitFor("-XX:-TieredCompilation", "analyze", small.toString()));
    }
}
