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
    void streamedTextReachesTheOutputInChunksAndEqualsTheKeptText() {
        Recorder recorder = new Recorder();
        ReportText streamed = ReportText.streamed(new PrintWriter(recorder));
        ReportText kept = ReportText.kept();
        String row = "row,with,some,cells,0123456789\n";
        int rows = 3 * ReportText.CHUNK / row.length() + 7;
        for (int i = 0; i < rows; i++) {
            streamed.buffer().append(row);
            streamed.rowDone();
            kept.buffer().append(row);
            kept.rowDone();
        }
        int beforeFinish = recorder.writes.size();
        assertEquals("", streamed.finish());
        String whole = kept.finish();
        assertEquals(rows * row.length(), whole.length());
        assertTrue(beforeFinish >= 3, "chunks handed on before the end: " + beforeFinish);
        for (String w : recorder.writes.subList(0, beforeFinish)) {
            assertTrue(w.length() >= ReportText.CHUNK && w.length() < ReportText.CHUNK + row.length(),
                    "a chunk of " + w.length() + " chars");
            assertTrue(w.endsWith("\n"), "a chunk ends at a row's end");
        }
        assertEquals(whole, String.join("", recorder.writes));
    }
}
