package io.netspectra.snapshot;

import io.netspectra.NetSpectraException.OutputException;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.config.TaskSpec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * One task's run totals (every window's rows summed per key), held under a key limit: when the in-memory table
 * passes the limit, its rows are sorted by key and spilled to a run file, and the table starts again. At the end
 * the runs and the table are merged by key into one row per key. Used by the snapshot writer thread only.
 *
 * <p>Spill files are private to the run and deleted when merged. Layout: per row, the key words then packets,
 * bytes, first and last, each a big-endian long, rows in ascending key order (words compared as signed longs, in
 * order); no header, as nothing but this class reads them.
 */
final class SpillingTotals {
    private static final int STATS = 4;

    private final TaskSpec task;
    private final int width;
    private final long maxKeys;
    private final Supplier<Path> spillDir;
    private final FlowTable table;
    private final List<Path> runs = new ArrayList<>();
    private long distinct = -1;

    /**
     * @param maxKeys  keys held in memory before a spill; 0 for no limit
     * @param spillDir gives the folder for spill files, asked only when the first spill happens
     */
    SpillingTotals(TaskSpec task, int width, long maxKeys, Supplier<Path> spillDir) {
        this.task = task;
        this.width = width;
        this.maxKeys = maxKeys;
        this.spillDir = spillDir;
        this.table = new FlowTable(width);
    }

    TaskSpec task() {
        return task;
    }

    /** Adds one window's rows. */
    void add(FlowRows rows) {
        table.mergeAll(rows);
        if (maxKeys > 0 && table.size() > maxKeys) {
            spill();
        }
    }

    /** Returns how many run files were spilled. */
    int spills() {
        return runs.size();
    }

    /** Returns the number of distinct keys {@link #finish()} will return; reads the spill files when there are any. */
    long distinctKeys() {
        if (runs.isEmpty()) {
            return table.size();
        }
        if (distinct < 0) {
            distinct = merge(sorted(), null, null);
        }
        return distinct;
    }

    /** Returns the heap bytes one row of these totals takes once packed. */
    long rowBytes() {
        return (width + STATS) * (long) Long.BYTES;
    }

    /** Returns every key's totals, one row per key; deletes the spill files. */
    FlowRows finish() {
        if (runs.isEmpty()) {
            FlowRows.Builder b = new FlowRows.Builder(task, width, table.size());
            table.copyTo(b);
            return b.build();
        }
        try {
            int n = (int) distinctKeys();
            FlowRows memory = sorted();
            FlowRows out = new FlowRows(task, width, n, new long[n * width], new long[n * STATS]);
            merge(memory, out.keys(), out.stats());
            return out;
        } finally {
            for (Path p : runs) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // A leftover spill file costs disk, not correctness; the folder goes with the run.
                }
            }
        }
    }

    private void spill() {
        FlowRows rows = sorted();
        Path dir = spillDir.get();
        Path file = dir.resolve(task.name() + "-" + runs.size() + ".spill");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                1 << 16))) {
            long[] keys = rows.keys();
            long[] stats = rows.stats();
            for (int r = 0; r < rows.size(); r++) {
                for (int w = 0; w < width; w++) {
                    out.writeLong(keys[r * width + w]);
                }
                for (int s = 0; s < STATS; s++) {
                    out.writeLong(stats[r * STATS + s]);
                }
            }
        } catch (IOException e) {
            throw new OutputException("cannot spill run totals to " + file + ": " + e.getMessage(), e);
        }
        runs.add(file);
        table.clear();
    }

    /** Returns the table's rows in ascending key order. */
    private FlowRows sorted() {
        FlowRows.Builder b = new FlowRows.Builder(task, width, table.size());
        table.copyTo(b);
        FlowRows rows = b.build();
        Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        long[] keys = rows.keys();
        Arrays.sort(order, (x, y) -> compare(keys, x * width, keys, y * width, width));
        FlowRows.Builder out = new FlowRows.Builder(task, width, rows.size());
        for (int i : order) {
            out.add(keys, i * width, rows.stats(), i * STATS);
        }
        return out.build();
    }

    private static int compare(long[] a, int from, long[] b, int bFrom, int width) {
        for (int w = 0; w < width; w++) {
            int c = Long.compare(a[from + w], b[bFrom + w]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * Merges the spilled runs and {@code memory} by key, summing equal keys, into {@code keysOut}/{@code statsOut}
     * when given. Returns the number of distinct keys.
     */
    private int merge(FlowRows memory, long[] keysOut, long[] statsOut) {
        PriorityQueue<Cursor> heap = new PriorityQueue<>((x, y) -> compare(x.key, 0, y.key, 0, width));
        List<Cursor> open = new ArrayList<>();
        try {
            for (Path p : runs) {
                Cursor c = Cursor.file(p, width);
                open.add(c);
                if (c.next()) {
                    heap.add(c);
                }
            }
            Cursor m = Cursor.rows(memory);
            if (m.next()) {
                heap.add(m);
            }
            int distinct = 0;
            long[] key = new long[width];
            long[] stats = new long[STATS];
            while (!heap.isEmpty()) {
                Cursor c = heap.poll();
                System.arraycopy(c.key, 0, key, 0, width);
                System.arraycopy(c.stats, 0, stats, 0, STATS);
                if (c.next()) {
                    heap.add(c);
                }
                while (!heap.isEmpty() && compare(heap.peek().key, 0, key, 0, width) == 0) {
                    Cursor d = heap.poll();
                    stats[0] += d.stats[0];
                    stats[1] += d.stats[1];
                    stats[2] = Math.min(stats[2], d.stats[2]);
                    stats[3] = Math.max(stats[3], d.stats[3]);
                    if (d.next()) {
                        heap.add(d);
                    }
                }
                if (keysOut != null) {
                    System.arraycopy(key, 0, keysOut, distinct * width, width);
                    System.arraycopy(stats, 0, statsOut, distinct * STATS, STATS);
                }
                distinct++;
            }
            return distinct;
        } catch (IOException e) {
            throw new OutputException("cannot read spilled run totals of task " + task.name() + ": "
                    + e.getMessage(), e);
        } finally {
            for (Cursor c : open) {
                c.close();
            }
        }
    }

    /** A position in one sorted source of rows: a spill file or the in-memory rows. */
    private static final class Cursor {
        final long[] key;
        final long[] stats = new long[STATS];
        private final DataInputStream in;
        private final FlowRows rows;
        private int row = -1;

        private Cursor(int width, DataInputStream in, FlowRows rows) {
            this.key = new long[width];
            this.in = in;
            this.rows = rows;
        }

        static Cursor file(Path p, int width) throws IOException {
            return new Cursor(width, new DataInputStream(new BufferedInputStream(Files.newInputStream(p), 1 << 16)),
                    null);
        }

        static Cursor rows(FlowRows rows) {
            return new Cursor(rows.width(), null, rows);
        }

        /** Moves to the next row; returns false at the end. */
        boolean next() throws IOException {
            if (rows != null) {
                if (++row >= rows.size()) {
                    return false;
                }
                System.arraycopy(rows.keys(), row * key.length, key, 0, key.length);
                System.arraycopy(rows.stats(), row * STATS, stats, 0, STATS);
                return true;
            }
            try {
                key[0] = in.readLong();
            } catch (EOFException e) {
                return false;
            }
            for (int w = 1; w < key.length; w++) {
                key[w] = in.readLong();
            }
            for (int s = 0; s < STATS; s++) {
                stats[s] = in.readLong();
            }
            return true;
        }

        void close() {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // Read-only; nothing to lose.
                }
            }
        }
    }
}
