package io.netspectra.cli;

import java.io.PrintWriter;

/** The {@code ns-cli} entry point: runs the command line and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code;
        try {
            code = NsCli.commandLineFor(args, out, err).execute(args);
        } catch (OutOfMemoryError e) {
            // From any command's thread or a pipeline thread it rethrew on; one line, not a JVM stack trace.
            out.flush();
            err.println("ns-cli: out of memory (" + e.getMessage() + "); give Java more heap, e.g. "
                    + "NS_CLI_JAVA_OPTS=-Xmx8g scripts/ns-cli ... or java -Xmx8g -jar ns-cli.jar ...");
            code = ExitCodes.INTERNAL;
        }
        out.flush();
        err.flush();
        System.exit(code);
    }
}
