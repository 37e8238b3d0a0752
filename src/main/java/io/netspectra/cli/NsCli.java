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
import java.util.List;

/** The top-level {@code ns-cli} command; it only dispatches to subcommands. */
@Command(name = "ns-cli", mixinStandardHelpOptions = true, versionProvider = NsCli.Version.class,
        description = "NetSpectra: offline analysis of packet captures.",
        footer = {"%nExit codes:%n" + ExitCodes.HELP_LIST})
public final class NsCli implements Runnable {
    /** Every subcommand, in the order {@code --help} lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(AnalyzeCommand.class, InspectCommand.class,
            GenerateCommand.class, ShowCommand.class, DiffCommand.class, CheckCommand.class, MergeCommand.class,
            CommandLine.HelpCommand.class);

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
        return build(in, out, err, SUBCOMMANDS);
    }

    /**
     * Returns the command line for running {@code args}: when the first argument names a subcommand, only that one is
     * registered. picocli builds the model of every registered command by reflection at start-up (about 0.4 s for
     * all of them here), so {@code ns-cli analyze ...} should not pay for the other seven.
     */
    public static CommandLine commandLineFor(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length > 0) {
            for (Class<?> sub : SUBCOMMANDS) {
                if (sub != CommandLine.HelpCommand.class && nameOf(sub).equals(args[0])) {
                    return build(System.in, out, err, List.of(sub));
                }
            }
        }
        return commandLine(out, err);
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    private static CommandLine build(InputStream in, PrintWriter out, PrintWriter err, List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(new NsCli(in));
        for (Class<?> sub : subcommands) {
            cl.addSubcommand(nameOf(sub), sub);
        }
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
