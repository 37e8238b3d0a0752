package io.netspectra.cli;

/**
 * The exit codes of every {@code ns-cli} command, declared once and listed in {@code --help}.
 */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** An unexpected internal error; a bug to report. */
    public static final int INTERNAL = 1;
    /** A bad option, argument or configuration file. */
    public static final int USAGE = 2;
    /** An input could not be read: missing, unreadable, not a capture, or damaged (unless --allow-damaged). */
    public static final int INPUT = 3;
    /** Reserved for comparisons and checks that found a difference or a violation. */
    public static final int CHECK_FAILED = 4;
    /** An output could not be written: folder not writable, disk full. */
    public static final int OUTPUT = 5;
    /** analyze stopped early by SIGINT (128 + 2); the report covers what was read. */
    public static final int INTERRUPTED = 130;
    /** analyze stopped early by SIGTERM (128 + 15); the report covers what was read. */
    public static final int TERMINATED = 143;

    /** The exit-code list shown at the end of {@code --help}. */
    public static final String HELP_LIST = ""
            + "  0  success%n"
            + "  1  internal error (a bug)%n"
            + "  2  bad option, argument or configuration%n"
            + "  3  input missing, unreadable, not a capture, or damaged%n"
            + "  4  check or comparison failed%n"
            + "  5  output folder or file could not be written%n"
            + "  130  analyze stopped by SIGINT (143: SIGTERM); the report covers what was read%n";

    private ExitCodes() {
    }
}
