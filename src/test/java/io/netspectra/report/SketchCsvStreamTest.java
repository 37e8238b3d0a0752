package io.netspectra.report;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.KeyLayout;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;
import io.netspectra.config.TaskType;
import io.netspectra.sketch.Estimate;
import io.netspectra.sketch.SketchRows;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SketchCsvStreamTest {

    /** Rows of {@code task} with {@code n} random keys and statistics (first <= last). */
    private static FlowRows rows(TaskSpec task, int n, long seed) {
        int width = new KeyLayout(task.keyFields()).width();
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] keys = new long[n * width];
        long[] stats = new long[n * 4];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = rnd.nextLong();
        }
        for (int r = 0; r < n; r++) {
            long first = 1_700_000_000_000_000_000L + rnd.nextLong(1_000_000_000_000L);
            stats[r * 4] = 1 + rnd.nextInt(1000);
            stats[r * 4 + 1] = 60 + rnd.nextInt(1_000_000);
            stats[r * 4 + 2] = first;
            stats[r * 4 + 3] = first + rnd.nextLong(10_000_000_000L);
        }
        return new FlowRows(task, width, n, keys, stats);
    }

    private static String csv(java.util.function.Consumer<PrintWriter> write) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        write.accept(out);
        out.flush();
        return text.toString();
    }

    /**
     * Over several chunks, the CSV with sketch rows is the flows' CSV with the sketch columns on its header, empty
     * sketch cells on every flow row, then one row per sketch row with its estimate and bounds.
     */
    @Test
    void csvWithSketchRowsWidensEveryFlowRowAcrossChunksAndAppendsTheSketchRows() {
        TaskSpec flows = new TaskSpec("by_src", List.of(KeyField.SRC_IP, KeyField.DST_PORT));
        TaskSpec talkers = new TaskSpec("talkers", List.of(KeyField.DST_IP), TaskType.CARDINALITY);
        List<RowSet> sets = RowSet.reportOrder(List.of(rows(flows, 5_000, 1)), -1);
        FlowRows sketchKeys = rows(talkers, 40, 2);
        List<Estimate> estimates = new ArrayList<>();
        for (int r = 0; r < sketchKeys.size(); r++) {
            estimates.add(r % 2 == 0 ? Estimate.exact(r) : new Estimate(100 + r, 90 + r, 110 + r, false));
        }
        List<SketchRows> sketches = List.of(new SketchRows(talkers, "distinct_keys", talkers.keyFields(), 40,
                sketchKeys, estimates, 4096, 12_345, 0));

        List<String> flowLines = csv(out -> RowsReport.writeCsv(out, sets, List.of())).lines().toList();
        String widened = csv(out -> SketchReport.writeCsv(out, sets, List.of(), sketches));
        List<String> lines = widened.lines().toList();

        assertTrue(widened.length() > 4 * ReportText.CHUNK, "several chunks: " + widened.length());
        assertEquals(flowLines.size() + estimates.size(), lines.size());
        assertEquals(flowLines.get(0) + ",metric,estimate,lower_bound,upper_bound,exact", lines.get(0));
        for (int i = 1; i < flowLines.size(); i++) {
            assertEquals(flowLines.get(i) + ",,,,,", lines.get(i), "flow row " + i);
        }
        int columns = lines.get(0).split(",", -1).length;
        for (int r = 0; r < estimates.size(); r++) {
            String line = lines.get(flowLines.size() + r);
            Estimate e = estimates.get(r);
            assertTrue(line.startsWith("talkers,"), line);
            assertTrue(line.endsWith(",distinct_keys," + e.estimate() + "," + e.lower() + "," + e.upper() + ","
                    + e.exact()), line);
            assertEquals(columns, line.split(",", -1).length, line);
        }
        assertTrue(widened.endsWith("\n"));
    }
}
