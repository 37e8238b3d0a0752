package io.netspectra.connections;

import io.netspectra.config.TaskSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Gathers a connections task's ended records over a run for the report. With a row limit it keeps only the top
 * {@code limit} in report order (so the report's memory stays bounded however many connections end); without one it
 * keeps every row, as a full JSON, CSV or NDJSON report needs them. Counts cover every record either way.
 * Called on the ordered thread; read after the run.
 */
public final class ConnectionCollector {
    private final TaskSpec task;
    private final int limit;
    private final List<ConnectionRows> parts = new ArrayList<>();
    private ConnectionRows kept;
    private long connections;
    private final long[] reasons = new long[EndReason.values().length];
    private long packets;
    private long bytes;

    /** @param limit rows to keep for printing, negative for all */
    public ConnectionCollector(TaskSpec task, int limit) {
        this.task = task;
        this.limit = limit;
        this.kept = ConnectionRows.empty(task);
    }

    public TaskSpec task() {
        return task;
    }

    /** Adds one window's ended records. */
    public void add(ConnectionRows rows) {
        connections += rows.size();
        for (int r = 0; r < rows.size(); r++) {
            reasons[rows.reason(r).ordinal()]++;
            packets += rows.packets(r);
            bytes += rows.bytes(r);
        }
        if (limit < 0) {
            parts.add(rows);
        } else if (limit > 0 && rows.size() > 0) {
            ConnectionRows both = ConnectionRows.concat(task, List.of(kept, rows));
            kept = both.select(reportOrder(both, limit));
        }
    }

    /** Returns the run's summary. */
    public ConnectionSummary summary() {
        ConnectionRows rows = limit < 0 ? ConnectionRows.concat(task, parts) : kept;
        return new ConnectionSummary(task, connections, reasons.clone(), packets, bytes, rows);
    }

    /**
     * Returns row indexes in report order: bytes descending, packets descending, the five-tuple (originator address,
     * responder address, then ports, protocol and family, unsigned; as {@code show --sort bytes} orders keys), then
     * the canonical order (first time, every word); at most {@code limit} (all when negative).
     */
    public static int[] reportOrder(ConnectionRows rows, int limit) {
        Comparator<Integer> c = Comparator.<Integer>comparingLong(r -> -rows.bytes(r))
                .thenComparingLong(r -> -rows.packets(r))
                .thenComparing((a, b) -> compareKey(rows, a, b))
                .thenComparing((a, b) -> compareWords(rows, a, b));
        int n = rows.size();
        if (limit >= 0 && limit < n / 4) {
            // The top few of many: a bounded heap (worst of the kept on top) instead of sorting every row.
            java.util.PriorityQueue<Integer> heap = new java.util.PriorityQueue<>(Math.max(1, limit), c.reversed());
            for (int r = 0; r < n && limit > 0; r++) {
                if (heap.size() < limit) {
                    heap.add(r);
                } else if (c.compare(r, heap.peek()) < 0) {
                    heap.poll();
                    heap.add(r);
                }
            }
            Integer[] top = heap.toArray(new Integer[0]);
            Arrays.sort(top, c);
            return Arrays.stream(top).mapToInt(Integer::intValue).toArray();
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, c);
        int k = limit < 0 ? n : Math.min(limit, n);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    private static int compareKey(ConnectionRows rows, int a, int b) {
        int x = 0;
        for (int k = 0; x == 0 && k < 5; k++) {
            x = Long.compareUnsigned(rows.words()[a * ConnectionRows.WORDS + k],
                    rows.words()[b * ConnectionRows.WORDS + k]);
        }
        return x;
    }

    /** Compares rows by first time, then every word unsigned: a total order on distinct records. */
    static int compareWords(ConnectionRows rows, int a, int b) {
        int x = Long.compare(rows.first(a), rows.first(b));
        for (int k = 0; x == 0 && k < ConnectionRows.WORDS; k++) {
            x = Long.compareUnsigned(rows.words()[a * ConnectionRows.WORDS + k],
                    rows.words()[b * ConnectionRows.WORDS + k]);
        }
        return x;
    }
}
