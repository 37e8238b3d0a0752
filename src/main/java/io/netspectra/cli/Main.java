package io.netspectra.cli;

import java.io.PrintWriter;

/** The {@code ns-cli} entry point: runs the command line and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = NsCli.commandLineFor(args, out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
