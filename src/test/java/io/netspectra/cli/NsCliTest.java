package io.netspectra.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
