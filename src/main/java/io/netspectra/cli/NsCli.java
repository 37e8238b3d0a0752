package io.netspectra.cli;

import io.netspectra.NetSpectraException;
import io.netspectra.NetSpectraException.ConfigException;
import io.netspectra.NetSpectraException.CorruptSnapshotException;
import io.netspectra.NetSpectraException.InputException;
import io.netspectra.NetSpectraException.OutputException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The top-level {@code ns-cli} command; it only dispatches to subcommands.
 *
 * <p>Its picocli model, and those of {@code analyze}, {@code check}, {@code diff} and {@code show} (the commands runs
 * and CI jobs start), are built in code ({@link CodedModels}), not read from annotations: reading a picocli annotation
 * makes the JVM generate a proxy class for its type, and for the JDK's annotations on that type, in code not yet
 * compiled (eight classes, about 40 ms of a command's start), which the class-data-sharing archive cannot hold.
 * {@code inspect}, {@code pcapgen} and {@code merge} keep their annotations.
 */
public final class NsCli implements Runnable {
    private static final String NAME = "ns-cli";
    private static final String DESCRIPTION = "NetSpectra: offline analysis of packet captures.";

    /**
     * Every subcommand, in the order {@code --help} lists them: its name and its class (picocli reads the model from
     * the class's annotations unless {@link Subcommand#model} builds it in code).
     */
    static final List<Subcommand> SUBCOMMANDS = List.of(new Subcommand(AnalyzeCommand.NAME, AnalyzeCommand.class),
            new Subcommand("inspect", InspectCommand.class), new Subcommand("pcapgen", GenerateCommand.class),
            new Subcommand(ShowCommand.NAME, ShowCommand.class), new Subcommand(DiffCommand.NAME, DiffCommand.class),
            new Subcommand(CheckCommand.NAME, CheckCommand.class), new Subcommand("merge", MergeCommand.class),
            new Subcommand("help", CommandLine.HelpCommand.class));

    /** A subcommand's name and class. */
    record Subcommand(String name, Class<?> command) {
        /** Returns what {@link CommandLine#addSubcommand(String, Object)} takes for it under {@code top}. */
        Object model(NsCli top) {
            return switch (name) {
                case AnalyzeCommand.NAME -> new AnalyzeCommand(top).spec();
                case CheckCommand.NAME -> new CheckCommand(top).spec();
                case DiffCommand.NAME -> new DiffCommand().spec();
                case ShowCommand.NAME -> new ShowCommand().spec();
                default -> command;
            };
        }
    }

    private CommandSpec spec;

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
     * registered: picocli builds the model of every registered command at start-up (those read from annotations by
     * reflection), so {@code ns-cli analyze ...} should not pay for the other seven.
     */
    public static CommandLine commandLineFor(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length > 0) {
            for (Subcommand sub : SUBCOMMANDS) {
                if (sub.command() != CommandLine.HelpCommand.class && sub.name().equals(args[0])) {
                    return build(System.in, out, err, List.of(sub));
                }
            }
        }
        return commandLine(out, err);
    }

    private static CommandLine build(InputStream in, PrintWriter out, PrintWriter err, List<Subcommand> subcommands) {
        NsCli top = new NsCli(in);
        top.spec = CommandSpec.wrapWithoutInspection(top).name(NAME);
        top.spec.usageMessage().description(DESCRIPTION);
        CodedModels.addStandardHelp(top.spec);
        CommandLine cl = new CommandLine(top.spec);
        for (Subcommand sub : subcommands) {
            cl.addSubcommand(sub.name(), sub.model(top));
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
        Version version = new Version();
        for (CommandSpec command : commands(cl)) {
            command.usageMessage().footer("%nExit codes:%n" + ExitCodes.HELP_LIST);
            // Every command's -V prints the tool's version (a subcommand has no version of its own).
            command.versionProvider(version);
        }
        return cl;
    }

    /** Returns the top-level command's model and its subcommands'. */
    private static List<CommandSpec> commands(CommandLine cl) {
        List<CommandSpec> all = new ArrayList<>();
        all.add(cl.getCommandSpec());
        for (CommandLine sub : cl.getSubcommands().values()) {
            all.add(sub.getCommandSpec());
        }
        return all;
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
