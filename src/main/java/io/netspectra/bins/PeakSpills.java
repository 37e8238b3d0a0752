package io.netspectra.bins;

import io.netspectra.NetSpectraException.OutputException;
import io.netspectra.aggregate.KeyIds;
import io.netspectra.aggregate.KeyLayout;

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

/**
 * One task's key peaks spilled to disk when the task passes the key limit at a window end, so the bins of a capture
 * with more keys than the limit hold at most the limit's keys while reading. At the end the runs and what is still in
 * memory are merged by key (the larger peak wins: more bytes, then the earlier bin) into one {@link Peaks}, which,
 * like the report's rows, holds every key. One owner thread.
 *
 * <p>Run files are private to the run and deleted when merged. Layout: per key, ascending (words compared as signed
 * longs, in order), the key words then peak start, packets and bytes, each a big-endian long; no header, as nothing
 * but this class reads them.
 */
final class PeakSpills {
    /** Runs kept before they are merged into one. */
    static final int MAX_RUNS = 16;

    private final int width;
    private final List<Path> runs = new ArrayList<>();
    private int spills;

    PeakSpills(int width) {
        this.width = width;
    }

    /** Returns the number of times peaks were spilled. */
    int spills() {
        return spills;
    }

    /** Writes the peaks of every key of {@code index} with a peak, in key order, as one run. */
    void spill(KeyIds index, long[] start, long[] packets, long[] bytes) {
        compactIfMany();
        Path file = newRunFile();
        runs.add(file);
        spills++;
        long[] e = index.words();
        int stride = index.stride();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                1 << 16))) {
            for (int id : byKey(index)) {
                if (packets[id] == 0) {
                    continue;
                }
                for (int w = 0; w < width; w++) {
                    out.writeLong(e[id * stride + w]);
                }
                out.writeLong(start[id]);
                out.writeLong(packets[id]);
                out.writeLong(bytes[id]);
            }
        } catch (IOException ex) {
            throw new OutputException("cannot spill time-bin peaks to " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** Spills what is in memory too, merges every run by key into one {@link Peaks}, and deletes the runs. */
    Peaks merge(KeyIds index, long[] start, long[] packets, long[] bytes) {
        spill(index, start, packets, bytes);
        KeyIds merged = new KeyIds(width, 0);
        long[][] peaks = {new long[64], new long[64], new long[64]};
        mergeRuns((key, s, p, b) -> {
            int id = merged.idOf(key, 0, KeyLayout.hash(key, 0, width));
            if (id >= peaks[0].length) {
                for (int i = 0; i < 3; i++) {
                    peaks[i] = Arrays.copyOf(peaks[i], peaks[i].length * 2);
                }
            }
            peaks[0][id] = s;
            peaks[1][id] = p;
            peaks[2][id] = b;
        });
        int n = merged.size();
        return new Peaks(merged, Arrays.copyOf(peaks[0], n), Arrays.copyOf(peaks[1], n), Arrays.copyOf(peaks[2], n));
    }

    /** Receives merged peaks in key order, one call per key. */
    private interface PeakSink {
        void accept(long[] key, long start, long packets, long bytes) throws IOException;
    }

    /** Merges the runs into one when there are {@link #MAX_RUNS}, so the final merge never opens too many files. */
    private void compactIfMany() {
        if (runs.size() < MAX_RUNS) {
            return;
        }
        Path file = newRunFile();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                1 << 16))) {
            mergeRuns((key, s, p, b) -> {
                for (long w : key) {
                    out.writeLong(w);
                }
                out.writeLong(s);
                out.writeLong(p);
                out.writeLong(b);
            });
        } catch (IOException e) {
            throw new OutputException("cannot merge spilled time-bin peaks into " + file + ": " + e.getMessage(), e);
        }
        runs.add(file);
    }

    /**
     * Feeds {@code sink} every key of the runs once, in key order, with its larger peak (more bytes, then the earlier
     * bin); deletes the runs.
     */
    private void mergeRuns(PeakSink sink) {
        List<Run> open = new ArrayList<>();
        try {
            PriorityQueue<Run> queue = new PriorityQueue<>((a, b) -> Arrays.compare(a.key, b.key));
            for (Path p : runs) {
                Run r = new Run(p, width);
                open.add(r);
                if (r.next()) {
                    queue.add(r);
                }
            }
            long[] key = new long[width];
            boolean have = false;
            long s = 0;
            long pk = 0;
            long b = 0;
            while (!queue.isEmpty()) {
                Run r = queue.poll();
                if (have && Arrays.equals(key, r.key)) {
                    if (r.bytes > b || (r.bytes == b && r.start < s)) {
                        s = r.start;
                        pk = r.packets;
                        b = r.bytes;
                    }
                } else {
                    if (have) {
                        sink.accept(key, s, pk, b);
                    }
                    System.arraycopy(r.key, 0, key, 0, width);
                    s = r.start;
                    pk = r.packets;
                    b = r.bytes;
                    have = true;
                }
                if (r.next()) {
                    queue.add(r);
                }
            }
            if (have) {
                sink.accept(key, s, pk, b);
            }
        } catch (IOException e) {
            throw new OutputException("cannot merge spilled time-bin peaks: " + e.getMessage(), e);
        } finally {
            for (Run r : open) {
                r.close();
            }
            for (Path p : runs) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // A leftover temporary file costs disk, not correctness.
                }
            }
            runs.clear();
        }
    }

    private Path newRunFile() {
        try {
            return Files.createTempFile("ns-bins-peaks-", ".spill");
        } catch (IOException e) {
            throw new OutputException("cannot create a spill file for time-bin peaks: " + e.getMessage(), e);
        }
    }

    private Integer[] byKey(KeyIds index) {
        long[] e = index.words();
        int stride = index.stride();
        Integer[] order = new Integer[index.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            for (int w = 0; w < width; w++) {
                int c = Long.compare(e[a * stride + w], e[b * stride + w]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        return order;
    }

    /** One run being read: its current key and peak. */
    private static final class Run {
        final DataInputStream in;
        final long[] key;
        long start;
        long packets;
        long bytes;

        Run(Path file, int width) throws IOException {
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            this.key = new long[width];
        }

        /** Reads the next key and peak; false at the end of the run. */
        boolean next() throws IOException {
            try {
                key[0] = in.readLong();
            } catch (EOFException end) {
                return false;
            }
            for (int w = 1; w < key.length; w++) {
                key[w] = in.readLong();
            }
            start = in.readLong();
            packets = in.readLong();
            bytes = in.readLong();
            return true;
        }

        void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // Read to the end already or failed; the file is deleted next.
            }
        }
    }
}
