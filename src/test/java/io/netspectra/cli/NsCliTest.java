package io.netspectra.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NsCliTest {
    private static final PrintWriter SINK = new PrintWriter(new StringWriter());

    @Test
    void entryPointBuildsOnlyTheSubcommandItRuns() {
        assertEquals(Set.of("analyze"),
                NsCli.commandLineFor(new String[] {"analyze", "x.pcap"}, SINK, SINK).getSubcommands().keySet());
    }

    @Test
    void entryPointBuildsEverySubcommandForTopLevelHelpAndUnknownNames() {
        List<String> all = List.of("analyze", "inspect", "pcapgen", "show", "diff", "check", "merge", "help");
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "analyze"}, {"bogus"}}) {
            assertEquals(all, List.copyOf(NsCli.commandLineFor(args, SINK, SINK).getSubcommands().keySet()),
                    String.join(" ", args));
        }
    }

    @Test
    void everyCommandPrintsTheToolVersionForDashCapitalV() {
        String version = CliRun.run("--version").out();
        assertTrue(version.startsWith("ns-cli "), version);
        for (String command : List.of("analyze", "inspect", "pcapgen", "show", "diff", "check", "merge")) {
            CliRun r = CliRun.run(command, "-V");
            assertEquals(ExitCodes.OK, r.exitCode(), command);
            assertEquals(version, r.out(), command);
        }
    }

    @Test
    void subcommandNamesMatchTheNamesTheirModelsGive() {
        CommandLine cl = NsCli.commandLine(SINK, SINK);
        for (NsCli.Subcommand sub : NsCli.SUBCOMMANDS) {
            assertEquals(sub.name(), cl.getSubcommands().get(sub.name()).getCommandSpec().name());
        }
    }

    /**
     * The models of ns-cli, analyze, check, diff and show are built in code, which never reads annotations: an option
     * declared by annotation there would be silently ignored.
     */
    @Test
    void commandsWhoseModelsAreBuiltInCodeDeclareNoPicocliAnnotations() {
        for (Class<?> c : List.of(NsCli.class, AnalyzeCommand.class, CheckCommand.class, DiffCommand.class,
                ShowCommand.class)) {
            List<String> annotated = new ArrayList<>();
            for (Annotation a : c.getAnnotations()) {
                annotated.add(c.getSimpleName() + ": @" + a.annotationType().getName());
            }
            for (Field f : c.getDeclaredFields()) {
                for (Annotation a : f.getAnnotations()) {
                    annotated.add(f.getName() + ": @" + a.annotationType().getName());
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                for (Annotation a : m.getAnnotations()) {
                    annotated.add(m.getName() + ": @" + a.annotationType().getName());
                }
            }
            annotated.removeIf(x -> !x.contains("picocli"));
            assertEquals(List.of(), annotated, c.getName());
        }
    }
}
