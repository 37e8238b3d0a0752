package io.netspectra.merge;

import io.netspectra.NetSpectraException.InputException;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.aggregate.KeyLayout;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;
import io.netspectra.store.StoredWindow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Property tests: merging is associative and commutative, and sums, minima and maxima per key are exact. */
public class SnapshotMergerTest {
    static final long INTERVAL = 1_000_000_000L;
    static final TaskSpec BY_SRC = new TaskSpec("by_src_ip", List.of(KeyField.SRC_IP));
    static final TaskSpec BY_TUPLE = new TaskSpec("by_five_tuple", List.of(KeyField.SRC_IP, KeyField.DST_IP,
            KeyField.SRC_PORT, KeyField.DST_PORT, KeyField.PROTOCOL));

    /** Returns a random snapshot set: a few of 4 windows, both tasks, keys from a small pool so sets overlap. */
    static List<StoredWindow> randomSet(Random rnd) {
        List<StoredWindow> out = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            if (rnd.nextInt(3) == 0) {
                continue;
            }
            long start = 1_700_000_000L * INTERVAL + w * INTERVAL;
            for (TaskSpec task : List.of(BY_SRC, BY_TUPLE)) {
                int width = new KeyLayout(task.keyFields()).width();
                FlowTable t = new FlowTable(width);
                int flows = rnd.nextInt(6);
                for (int f = 0; f < flows; f++) {
                    long[] key = new long[width];
                    key[width - 1] = task == BY_TUPLE ? 6 | (long) rnd.nextInt(3) << 24 : 0;
                    key[1] = rnd.nextInt(4);
                    boolean timed = rnd.nextInt(5) != 0;
                    long first = timed ? start + rnd.nextInt(1000) : FlowTable.NO_FIRST;
                    long last = timed ? first + rnd.nextInt(1000) : Long.MIN_VALUE;
                    t.merge(key, 0, KeyLayout.hash(key, 0, width), 1 + rnd.nextInt(10), 60 + rnd.nextInt(1500),
                            first, last);
                }
                if (t.size() > 0) {
                    FlowRows.Builder b = new FlowRows.Builder(task, width, t.size());
                    t.copyTo(b);
                    out.add(new StoredWindow(start, start + INTERVAL, b.build()));
                }
            }
        }
        return out;
    }

    /** Returns windows as comparable values: "start end task" to (key words to stats), independent of row order. */
    public static Map<String, Map<List<Long>, List<Long>>> canonical(List<StoredWindow> windows) {
        Map<String, Map<List<Long>, List<Long>>> out = new TreeMap<>();
        for (StoredWindow w : windows) {
            Map<List<Long>, List<Long>> rows = out.computeIfAbsent(w.windowStart() + " " + w.windowEnd() + " "
                    + w.rows().task().name(), k -> new TreeMap<>(SnapshotMergerTest::compareLists));
            FlowRows r = w.rows();
            for (int i = 0; i < r.size(); i++) {
                List<Long> key = new ArrayList<>();
                for (int k = 0; k < r.width(); k++) {
                    key.add(r.keyWord(i, k));
                }
                List<Long> stats = List.of(r.packets(i), r.bytes(i), r.first(i), r.last(i));
                rows.merge(key, stats, (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1),
                        Math.min(a.get(2), b.get(2)), Math.max(a.get(3), b.get(3))));
            }
        }
        return out;
    }

    private static int compareLists(List<Long> a, List<Long> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Long.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Test
    void mergeIsCommutative() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 300; trial++) {
            List<StoredWindow> a = randomSet(rnd);
            List<StoredWindow> b = randomSet(rnd);
            assertEquals(canonical(SnapshotMerger.merge(List.of(a, b))),
                    canonical(SnapshotMerger.merge(List.of(b, a))), "trial " + trial);
        }
    }

    @Test
    void mergeIsAssociative() {
        Random rnd = new Random(2);
        for (int trial = 0; trial < 300; trial++) {
            List<StoredWindow> a = randomSet(rnd);
            List<StoredWindow> b = randomSet(rnd);
            List<StoredWindow> c = randomSet(rnd);
            var left = canonical(SnapshotMerger.merge(List.of(SnapshotMerger.merge(List.of(a, b)), c)));
            var right = canonical(SnapshotMerger.merge(List.of(a, SnapshotMerger.merge(List.of(b, c)))));
            assertEquals(left, right, "trial " + trial);
            assertEquals(left, canonical(SnapshotMerger.merge(List.of(a, b, c))), "trial " + trial);
        }
    }

    @Test
    void mergeSumsPacketsAndBytesAndTakesMinFirstAndMaxLastPerKey() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            List<StoredWindow> a = randomSet(rnd);
            List<StoredWindow> b = randomSet(rnd);
            List<StoredWindow> both = new ArrayList<>(a);
            both.addAll(b);
            List<StoredWindow> merged = SnapshotMerger.merge(List.of(a, b));
            assertEquals(canonical(both), canonical(merged), "trial " + trial);
            Map<String, Integer> windowTasks = new TreeMap<>();
            merged.forEach(w -> windowTasks.merge(w.windowStart() + w.rows().task().name(), 1, Integer::sum));
            windowTasks.values().forEach(n -> assertEquals(1, n, "one stored window per window start and task"));
        }
    }

    @Test
    void rejectsWindowsWithTheSameStartAndDifferentEnds() {
        List<StoredWindow> a = randomSet(new Random(4));
        StoredWindow w = a.get(0);
        List<StoredWindow> b = List.of(new StoredWindow(w.windowStart(), w.windowEnd() + INTERVAL, w.rows()));
        InputException e = assertThrows(InputException.class, () -> SnapshotMerger.merge(List.of(a, b)));
        assertEquals("windows starting at 1700000000.000000000 end at 1700000001.000000000 and at "
                + "1700000002.000000000 (different snapshot intervals); cannot merge them", e.getMessage());
    }

    @Test
    void rejectsOneTaskNameWithDifferentKeyFields() {
        List<StoredWindow> a = randomSet(new Random(5));
        StoredWindow w = a.get(0);
        FlowRows r = w.rows();
        TaskSpec other = new TaskSpec(r.task().name(), List.of(KeyField.DST_IP));
        List<StoredWindow> b = List.of(new StoredWindow(w.windowStart(), w.windowEnd(),
                new FlowRows(other, r.width(), r.size(), r.keys(), r.stats())));
        assertThrows(InputException.class, () -> SnapshotMerger.merge(List.of(a, b)));
    }
}
