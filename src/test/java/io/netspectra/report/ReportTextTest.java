package io.netspectra.report;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTextTest {

    /** A writer that keeps each write apart, to see when text reached the output. */
    private static final class Recorder extends Writer {
        final List<String> writes = new ArrayList<>();

        @Override
        public void write(char[] buf, int off, int len) {
            writes.add(new String(buf, off, len));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void textReachesTheOutputInChunksEndingAtRowsAndWholeAtTheEnd() {
        Recorder recorder = new Recorder();
        ReportText text = new ReportText(new PrintWriter(recorder));
        String row = "row,with,some,cells,0123456789\n";
        int rows = 3 * ReportText.CHUNK / row.length() + 7;
        for (int i = 0; i < rows; i++) {
            text.buffer().append(row);
            text.rowDone();
        }
        int beforeFinish = recorder.writes.size();
        text.finish();
        assertTrue(beforeFinish >= 3, "chunks handed on before the end: " + beforeFinish);
        for (String w : recorder.writes.subList(0, beforeFinish)) {
            assertTrue(w.length() >= ReportText.CHUNK && w.length() < ReportText.CHUNK + row.length(),
                    "a chunk of " + w.length() + " chars");
            assertTrue(w.endsWith("\n"), "a chunk ends at a row's end");
        }
        assertEquals(row.repeat(rows), String.join("", recorder.writes));
    }
}
