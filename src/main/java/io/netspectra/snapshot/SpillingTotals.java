package io.netspectra.snapshot;

import io.netspectra.NetSpectraException.OutputException;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.aggregate.KeyLayout;
import io.netspectra.config.TaskSpec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * One task's run totals (every window's rows summed per key), held under a key limit: when the in-memory table
 * passes the limit, its rows are sorted and spilled to a run file, and the table starts again. At the end the runs
 * and the table are merged into one row per key. Used by the snapshot writer thread only.
 *
 * <p>A window's rows are summed one window late: {@link #add} keeps them, and {@link #settle} (before the next window's
 * rows reuse their arrays) or {@link #finish} adds them. So a run of one window, the common case for a short
 * capture, never builds the table: its rows are the totals ({@link #finish} returns them), which spares a copy of
 * every key into the table and another out of it.
 *
 * <p>Rows are ordered by key hash ({@link KeyLayout#hash}, unsigned), then key words (signed), which is a total
 * order that a radix sort reaches in linear time and that mostly compares one word. Spill files are private to the
 * run and deleted when merged; nothing else reads them, so they have no header. Layout, per row, each a
 * native-order long: the hash, the key words, then packets, bytes, first and last.
 */
final class SpillingTotals {
    private static final int STATS = 4;
    private static final int IO_BUFFER = 1 << 20;

    private final TaskSpec task;
    private final int width;
    private final long maxKeys;
    private final Supplier<Path> spillDir;
    private final FlowTable table;
    private final List<Path> runs = new ArrayList<>();
    private long distinct = -1;
    /** The rows of the last {@link #add}, not yet in the table; null when none wait. */
    private FlowRows pending;

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

    /**
     * Adds one window's rows: keeps them until {@link #settle}, which must come before their arrays are reused.
     *
     * @throws IllegalStateException when the previous window's rows were not settled
     */
    void add(FlowRows rows) {
        if (pending != null) {
            throw new IllegalStateException("the previous window's rows of " + task.name() + " are not settled");
        }
        pending = rows;
    }

    /** Adds the rows {@link #add} kept to the table (nothing when none wait). */
    void settle() {
        FlowRows rows = pending;
        if (rows == null) {
            return;
        }
        pending = null;
        if (table.size() > 0 && table.size() + (long) rows.size() > FlowTable.MAX_ENTRIES) {
            // One table could not take them all (hundreds of millions of keys): spill first, whatever the limit.
            spill();
        }
        table.mergeAll(rows);
        if (maxKeys > 0 && table.size() > maxKeys) {
            spill();
        }
    }

    /**
     * Settles the kept rows unless they are all there is (one window): then {@link #finish} returns them as they are.
     * Call before {@link #spills} at the end, so it counts a spill the last window causes ({@link #distinctKeys} and
     * {@link #finish} call it themselves).
     */
    void settleUnlessAlone() {
        if (table.size() > 0 || !runs.isEmpty()) {
            settle();
        }
    }

    /** Returns how many run files were spilled. */
    int spills() {
        return runs.size();
    }

    /** Returns the number of distinct keys {@link #finish()} will return; reads the spill files when there are any. */
    long distinctKeys() {
        settleUnlessAlone();
        if (runs.isEmpty()) {
            return pending != null ? pending.size() : table.size();
        }
        if (distinct < 0) {
            distinct = merge(Sorted.of(table), null);
        }
        return distinct;
    }

    /** Returns the heap bytes one row of these totals takes once packed. */
    long rowBytes() {
        return (width + STATS) * (long) Long.BYTES;
    }

    /** Returns every key's totals, one row per key; deletes the spill files. */
    FlowRows finish() {
        settleUnlessAlone();
        if (pending != null) {
            // One window: its rows have one row per key already.
            FlowRows only = pending;
            pending = null;
            return new FlowRows(task, width, only.size(), only.keys(), only.stats(), only.directions());
        }
        if (runs.isEmpty()) {
            FlowRows.Builder b = new FlowRows.Builder(task, width, table.size());
            table.copyTo(b);
            return b.build();
        }
        try {
            int n = (int) distinctKeys();
            FlowRows out = new FlowRows(task, width, n, new long[n * width], new long[n * STATS]);
            merge(Sorted.of(table), out);
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
        Sorted rows = Sorted.of(table);
        Path file = spillDir.get().resolve(task.name() + "-" + runs.size() + ".spill");
        ByteBuffer buf = ByteBuffer.allocate(IO_BUFFER).order(java.nio.ByteOrder.nativeOrder());
        int rowBytes = (1 + width + STATS) * Long.BYTES;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < rows.size; i++) {
                if (buf.remaining() < rowBytes) {
                    drain(ch, buf);
                }
                int r = rows.order[i];
                buf.putLong(rows.hashes[i]);
                for (int w = 0; w < width; w++) {
                    buf.putLong(rows.keys[r * width + w]);
                }
                for (int s = 0; s < STATS; s++) {
                    buf.putLong(rows.stats[r * STATS + s]);
                }
            }
            drain(ch, buf);
        } catch (IOException e) {
            throw new OutputException("cannot spill run totals to " + file + ": " + e.getMessage(), e);
        }
        runs.add(file);
        table.clear();
    }

    private static void drain(FileChannel ch, ByteBuffer buf) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
    }

    /** Compares two rows in merge order: hash unsigned, then key words. */
    private static int compare(long hashA, long[] a, int from, long hashB, long[] b, int bFrom, int width) {
        int c = Long.compareUnsigned(hashA, hashB);
        if (c != 0) {
            return c;
        }
        for (int w = 0; w < width; w++) {
            c = Long.compare(a[from + w], b[bFrom + w]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * Merges the spilled runs and {@code memory} in merge order, summing equal keys, into {@code out} when given.
     * Returns the number of distinct keys.
     */
    private int merge(Sorted memory, FlowRows out) {
        PriorityQueue<Cursor> heap = new PriorityQueue<>((x, y) -> compare(x.hash, x.key, 0, y.hash, y.key, 0,
                width));
        List<Cursor> open = new ArrayList<>();
        try {
            for (Path p : runs) {
                Cursor c = Cursor.file(p, width);
                open.add(c);
                if (c.next()) {
                    heap.add(c);
                }
            }
            Cursor m = Cursor.rows(memory, width);
            if (m.next()) {
                heap.add(m);
            }
            int n = 0;
            long hash;
            long[] key = new long[width];
            long[] stats = new long[STATS];
            while (!heap.isEmpty()) {
                Cursor c = heap.poll();
                hash = c.hash;
                System.arraycopy(c.key, 0, key, 0, width);
                System.arraycopy(c.stats, 0, stats, 0, STATS);
                if (c.next()) {
                    heap.add(c);
                }
                while (!heap.isEmpty() && compare(heap.peek().hash, heap.peek().key, 0, hash, key, 0, width) == 0) {
                    Cursor d = heap.poll();
                    stats[0] += d.stats[0];
                    stats[1] += d.stats[1];
                    stats[2] = Math.min(stats[2], d.stats[2]);
                    stats[3] = Math.max(stats[3], d.stats[3]);
                    if (d.next()) {
                        heap.add(d);
                    }
                }
                if (out != null) {
                    System.arraycopy(key, 0, out.keys(), n * width, width);
                    System.arraycopy(stats, 0, out.stats(), n * STATS, STATS);
                }
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new OutputException("cannot read spilled run totals of task " + task.name() + ": "
                    + e.getMessage(), e);
        } finally {
            for (Cursor c : open) {
                c.close();
            }
        }
    }

    /** A table's rows with their hashes, and the order that sorts them in merge order. */
    private static final class Sorted {
        final long[] keys;
        final long[] stats;
        /** Indexed by position in merge order. */
        final long[] hashes;
        /** Row index at each position in merge order. */
        final int[] order;
        final int size;

        private Sorted(long[] keys, long[] stats, long[] hashes, int[] order, int size) {
            this.keys = keys;
            this.stats = stats;
            this.hashes = hashes;
            this.order = order;
            this.size = size;
        }

        static Sorted of(FlowTable table) {
            int width = table.width();
            FlowRows.Builder b = new FlowRows.Builder(null, width, table.size());
            table.copyTo(b);
            FlowRows rows = b.build();
            int n = rows.size();
            long[] hashes = new long[n];
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                hashes[i] = KeyLayout.hash(rows.keys(), i * width, width);
                order[i] = i;
            }
            radixSort(hashes, order);
            // Equal hashes (rare): order those runs by key words.
            for (int i = 1; i < n; i++) {
                int j = i;
                while (j > 0 && hashes[j - 1] == hashes[j]
                        && compare(0, rows.keys(), order[j - 1] * width, 0, rows.keys(), order[j] * width, width) > 0) {
                    int t = order[j];
                    order[j] = order[j - 1];
                    order[j - 1] = t;
                    j--;
                }
            }
            return new Sorted(rows.keys(), rows.stats(), hashes, order, n);
        }

        /** Sorts {@code hashes} as unsigned numbers, carrying {@code order} along: LSD radix, 8 bits per pass. */
        private static void radixSort(long[] hashes, int[] order) {
            int n = hashes.length;
            long[] h2 = new long[n];
            int[] o2 = new int[n];
            int[] count = new int[257];
            for (int shift = 0; shift < 64; shift += 8) {
                java.util.Arrays.fill(count, 0);
                for (long h : hashes) {
                    count[(int) (h >>> shift & 0xFF) + 1]++;
                }
                for (int d = 0; d < 256; d++) {
                    count[d + 1] += count[d];
                }
                for (int i = 0; i < n; i++) {
                    int d = (int) (hashes[i] >>> shift & 0xFF);
                    int to = count[d]++;
                    h2[to] = hashes[i];
                    o2[to] = order[i];
                }
                System.arraycopy(h2, 0, hashes, 0, n);
                System.arraycopy(o2, 0, order, 0, n);
            }
        }
    }

    /** A position in one sorted source of rows: a spill file or the in-memory rows. */
    private static final class Cursor {
        long hash;
        final long[] key;
        final long[] stats = new long[STATS];
        private final FileChannel in;
        private final ByteBuffer buf;
        private final Sorted rows;
        private int pos = -1;

        private Cursor(int width, FileChannel in, Sorted rows) {
            this.key = new long[width];
            this.in = in;
            this.rows = rows;
            this.buf = in == null ? null
                    : ByteBuffer.allocate(IO_BUFFER / 4).order(java.nio.ByteOrder.nativeOrder()).limit(0);
        }

        static Cursor file(Path p, int width) throws IOException {
            return new Cursor(width, FileChannel.open(p, StandardOpenOption.READ), null);
        }

        static Cursor rows(Sorted rows, int width) {
            return new Cursor(width, null, rows);
        }

        /** Moves to the next row; returns false at the end. */
        boolean next() throws IOException {
            int width = key.length;
            if (rows != null) {
                if (++pos >= rows.size) {
                    return false;
                }
                int r = rows.order[pos];
                hash = rows.hashes[pos];
                System.arraycopy(rows.keys, r * width, key, 0, width);
                System.arraycopy(rows.stats, r * STATS, stats, 0, STATS);
                return true;
            }
            int rowBytes = (1 + width + STATS) * Long.BYTES;
            if (buf.remaining() < rowBytes) {
                buf.compact();
                while (buf.position() < rowBytes) {
                    if (in.read(buf) < 0) {
                        if (buf.position() != 0) {
                            throw new IOException("spill file ends inside a row");
                        }
                        buf.flip();
                        return false;
                    }
                }
                buf.flip();
            }
            hash = buf.getLong();
            for (int w = 0; w < width; w++) {
                key[w] = buf.getLong();
            }
            for (int s = 0; s < STATS; s++) {
                stats[s] = buf.getLong();
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
