package io.netspectra.report;

import java.io.PrintWriter;

/**
 * A report's text on its way to the output: appended to one buffer, which is handed to the output and emptied each
 * time a row ends past 64 Ki characters, so a report of millions of rows never sits in memory whole (as one string it
 * could need ten times the heap of the rows it prints, and past about 2 GiB of text no heap holds it). One thread.
 */
final class ReportText {
    /** How many characters the buffer holds before a row's end hands them on. */
    static final int CHUNK = 1 << 16;

    private final StringBuilder buffer = new StringBuilder();
    private final PrintWriter out;

    /** Starts text that goes to {@code out} as it is written. */
    ReportText(PrintWriter out) {
        this.out = out;
    }

    /** The buffer to append to; what is in it may be handed on at the next {@link #rowDone()}. */
    StringBuilder buffer() {
        return buffer;
    }

    /** Marks the end of a row: hands the buffer to the output once it holds {@link #CHUNK} characters or more. */
    void rowDone() {
        if (buffer.length() >= CHUNK) {
            out.append(buffer);
            buffer.setLength(0);
        }
    }

    /** Hands on what is left. */
    void finish() {
        out.append(buffer);
        buffer.setLength(0);
    }
}
