package io.netspectra.cli;

import io.netspectra.NetSpectraException;
import io.netspectra.NetSpectraException.ConfigException;
import io.netspectra.NetSpectraException.CorruptSnapshotException;
import io.netspectra.NetSpectraException.InputException;
import io.netspectra.NetSpectraException.OutputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.io.PrintWriter;

/** The top-level {@code ns-cli} command; it only dispatches to subcommands. */
@Command(name = "ns-cli", mixinStandardHelpOptions = true, versionProvider = NsCli.Version.class,
        description = "NetSpectra: offline analysis of packet captures.",
        subcommands = {AnalyzeCommand.class, InspectCommand.class, GenerateCommand.class, ShowCommand.class,
            DiffCommand.class, CheckCommand.class, MergeCommand.class, CommandLine.HelpCommand.class},
        footer = {"%nExit codes:%n" + ExitCodes.HELP_LIST})
public final class NsCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What {@code -} reads as an input (standard input unless a test gives bytes). */
    private final InputStream stdin;

    private NsCli(InputStream stdin) {
        this.stdin = stdin;
    }

    /** Returns the command line every entry point and test uses, writing to {@code out} and {@code err}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(System.in, out, err);
    }

    /** Returns the command line reading {@code -} from {@code in}, writing to {@code out} and {@code err}. */
    public static CommandLine commandLine(InputStream in, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new NsCli(in));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(NsCli::handle);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("ns-cli: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().footer("%nExit codes:%n" + ExitCodes.HELP_LIST);
        }
        return cl;
    }

    /** Returns the stream an input of {@code -} reads. */
    InputStream stdin() {
        return stdin;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** Maps an exception escaping a command to its one-line message and exit code. */
    static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        if (e instanceof NetSpectraException) {
            cl.getErr().println("ns-cli: " + e.getMessage());
        } else {
            cl.getErr().println("ns-cli: internal error (please report): " + e);
            e.printStackTrace(cl.getErr());
        }
        return exitCode(e);
    }

    /** Returns the exit code for an exception of NetSpectra's family (INTERNAL for anything else). */
    static int exitCode(Exception e) {
        if (e instanceof ConfigException) {
            return ExitCodes.USAGE;
        }
        if (e instanceof InputException || e instanceof CorruptSnapshotException) {
            return ExitCodes.INPUT;
        }
        if (e instanceof OutputException) {
            return ExitCodes.OUTPUT;
        }
        return ExitCodes.INTERNAL;
    }

    /** Reports the jar's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = NsCli.class.getPackage().getImplementationVersion();
            return new String[] {"ns-cli " + (v == null ? "dev" : v) + " (snapshot format "
                    + io.netspectra.store.SnapshotHeader.FORMAT_VERSION + ", report format "
                    + io.netspectra.report.JsonReport.FORMAT + ")"};
        }
    }
}
