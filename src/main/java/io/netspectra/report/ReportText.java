package io.netspectra.report;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * A report's text on its way to the output: appended to one buffer, which is handed to the output and emptied each
 * time a row ends past 64 Ki characters, so a report of millions of rows never sits in memory whole (as one string it could
 * need ten times the heap of the rows it prints, and past about 2 GiB of text no heap holds it). Without an output the
 * buffer keeps everything, for a report returned as a string. One thread.
 */
final class ReportText {
    /** How many characters the buffer holds before a row's end hands them on. */
    static final int CHUNK = 1 << 16;
    /** What a row's end does to text kept whole: nothing. */
    static final Runnable KEEP = () -> {
    };

    private final StringBuilder buffer = new StringBuilder();
    private final PrintWriter out;

    private ReportText(PrintWriter out) {
        this.out = out;
    }

    /** Returns text that is kept whole, for {@link #finish()} to return. */
    static ReportText kept() {
        return new ReportText(null);
    }

    /** Returns text that goes to {@code out} as it is written. */
    static ReportText streamed(PrintWriter out) {
        return new ReportText(out);
    }

    /** Returns the whole text {@code body} writes. */
    static String render(Consumer<ReportText> body) {
        ReportText text = kept();
        body.accept(text);
        return text.finish();
    }

    /** Writes the text {@code body} writes to {@code out} as it goes. */
    static void stream(PrintWriter out, Consumer<ReportText> body) {
        ReportText text = streamed(out);
        body.accept(text);
        text.finish();
    }

    /** The buffer to append to; what is in it may be handed on at the next {@link #rowDone()}. */
    StringBuilder buffer() {
        return buffer;
    }

    /** Marks the end of a row: hands the buffer to the output once it holds {@link #CHUNK} characters or more. */
    void rowDone() {
        if (out != null && buffer.length() >= CHUNK) {
            out.append(buffer);
            buffer.setLength(0);
        }
    }

    /** Hands on what is left and returns "" (streamed), or returns the whole text (kept). */
    String finish() {
        if (out == null) {
            return buffer.toString();
        }
        out.append(buffer);
        buffer.setLength(0);
        return "";
    }
}
