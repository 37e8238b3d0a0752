package io.netspectra.snapshot;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.aggregate.KeyLayout;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpillingTotalsTest {

    @ParameterizedTest(name = "width {0}, limit {1}")
    @CsvSource({"1, 1", "1, 7", "3, 50", "5, 100", "5, 0"})
    void spilledAndMergedTotalsEqualOneTableSummingEveryWindow(int width, int limit, @TempDir Path dir)
            throws IOException {
        List<KeyField> fields = switch (width) {
            case 1 -> List.of(KeyField.DST_PORT);
            case 3 -> List.of(KeyField.SRC_IP);
            default -> List.of(KeyField.SRC_IP, KeyField.DST_IP, KeyField.SRC_PORT, KeyField.DST_PORT,
                    KeyField.PROTOCOL);
        };
        assertEquals(width, new KeyLayout(fields).width());
        TaskSpec task = new TaskSpec("t", fields);
        SpillingTotals spilling = new SpillingTotals(task, width, limit, () -> dir);
        FlowTable reference = new FlowTable(width);
        Random rnd = new Random(limit * 31L + width);
        long[] key = new long[width];
        for (int window = 0; window < 20; window++) {
            // As the writer does before it makes a window's rows (they may reuse the last window's arrays).
            spilling.settle();
            FlowTable w = new FlowTable(width);
            for (int i = 0; i < 40; i++) {
                for (int k = 0; k < width; k++) {
                    key[k] = rnd.nextInt(30) - 10; // negative words too: spill runs are ordered by signed word
                }
                long ts = 1_000_000L * window + rnd.nextInt(1000);
                int bytes = 60 + rnd.nextInt(1400);
                w.add(key, KeyLayout.hash(key, 0, width), bytes, ts);
                reference.add(key, KeyLayout.hash(key, 0, width), bytes, ts);
            }
            spilling.add(rows(w, task));
        }
        FlowRows merged = spilling.finish();
        if (limit > 0 && limit < 30) {
            assertTrue(spilling.spills() > 0, "spilled");
        }
        Map<String, String> want = asMap(rows(reference, task));
        assertEquals(want, asMap(merged));
        assertEquals(want.size(), merged.size(), "one row per key");
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "spill files deleted");
        }
    }

    @Test
    void aRunOfOneWindowReturnsThatWindowsRowsAsTheTotalsWithoutCopyingThem(@TempDir Path dir) {
        TaskSpec task = new TaskSpec("t", List.of(KeyField.DST_PORT));
        FlowTable w = new FlowTable(1);
        for (long port = 1; port <= 5; port++) {
            long[] key = {port};
            w.add(key, KeyLayout.hash(key, 0, 1), 100 * (int) port, port);
        }
        FlowRows window = rows(w, task);
        SpillingTotals totals = new SpillingTotals(task, 1, 0, () -> dir);
        totals.add(window);
        totals.settleUnlessAlone();
        assertEquals(5, totals.distinctKeys());
        FlowRows out = totals.finish();
        assertSame(window.keys(), out.keys(), "the window's own arrays");
        assertSame(window.stats(), out.stats());
        assertEquals(asMap(window), asMap(out));
        assertEquals(0, totals.spills());
    }

    @Test
    void aSecondWindowBeforeTheFirstIsSettledIsRefused(@TempDir Path dir) {
        TaskSpec task = new TaskSpec("t", List.of(KeyField.DST_PORT));
        FlowTable w = new FlowTable(1);
        long[] key = {80};
        w.add(key, KeyLayout.hash(key, 0, 1), 60, 1);
        SpillingTotals totals = new SpillingTotals(task, 1, 0, () -> dir);
        totals.add(rows(w, task));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> totals.add(rows(w, task)));
        assertTrue(e.getMessage().contains("not settled"), e.getMessage());
        totals.settle();
        totals.add(rows(w, task));
        FlowRows out = totals.finish();
        assertEquals(1, out.size());
        assertEquals(2, out.packets(0));
        assertEquals(120, out.bytes(0));
    }

    private static FlowRows rows(FlowTable t, TaskSpec task) {
        FlowRows.Builder b = new FlowRows.Builder(task, t.width(), t.size());
        t.copyTo(b);
        return b.build();
    }

    private static Map<String, String> asMap(FlowRows r) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < r.size(); i++) {
            StringBuilder k = new StringBuilder();
            for (int w = 0; w < r.width(); w++) {
                k.append(r.keyWord(i, w)).append(',');
            }
            m.put(k.toString(), r.packets(i) + " " + r.bytes(i) + " " + r.first(i) + " " + r.last(i));
        }
        return m;
    }
}
