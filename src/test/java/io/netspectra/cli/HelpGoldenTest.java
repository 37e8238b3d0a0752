package io.netspectra.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pins every command's {@code --help} text, so a change to options or exit codes shows up in review. */
class HelpGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"analyze", "inspect", "pcapgen", "show", "diff", "check", "merge"})
    void pinsTheHelpOfEachCommand(String command) {
        CliRun r = CliRun.run(command, "--help");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        Golden.assertMatches("help-" + command + ".txt", r.out());
    }

    @Test
    void pinsTheTopLevelHelp() {
        CliRun r = CliRun.run("--help");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        Golden.assertMatches("help-ns-cli.txt", r.out());
    }
}
