package io.netspectra.snapshot;

import io.netspectra.NetSpectraException;
import io.netspectra.NetSpectraException.OutputException;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.StripedAggregator;
import io.netspectra.aggregate.WindowRows;
import io.netspectra.config.TaskSpec;
import io.netspectra.store.RunWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The one thread that turns swapped-out windows into rows, adds them to the run totals, and writes them.
 *
 * <p>Guarantees: windows are processed in submission order; {@link #finish()} returns only after every submitted
 * window is written and added; a write failure is rethrown from {@link #submit} or {@link #finish()}, and windows
 * after it are still added to the totals (so the report stays complete) but not written.
 */
public final class SnapshotWriterThread {
    /** Heap a row may take beyond its packed words while the report orders rows (an index and a merge buffer). */
    private static final long REPORT_BYTES_PER_ROW = 8;
    private static final WindowSnapshot END = new WindowSnapshot(0, 0, List.of(), true);

    private final List<StripedAggregator> aggregators;
    private final List<TaskSpec> tasks;
    private final List<Integer> widths;
    private final RunWriter writer;
    private final List<SpillingTotals> totals = new ArrayList<>();
    /** Builds each window's rows, live tasks' and derived ones' (writer thread only). */
    private final WindowRows windowRows;
    private Path spillDir;
    private final BlockingQueue<WindowSnapshot> queue = new ArrayBlockingQueue<>(2);
    private final Thread thread;
    /** The first failure of the writer thread: a RuntimeException, or an Error such as running out of memory. */
    private volatile Throwable failure;
    private int windows;
    private int windowsWithFlows;

    /** Starts the thread with no key limit on the run totals; {@code writer} is null when snapshots are not written. */
    public SnapshotWriterThread(List<StripedAggregator> aggregators, RunWriter writer) {
        this(aggregators, writer, 0);
    }

    /**
     * Starts the thread; {@code writer} is null when snapshots are not written.
     *
     * @param maxKeys keys of one task's run totals held in memory before they are spilled to disk (into the run
     *                folder, or a temporary folder without snapshots) and merged back at {@link #finish()}; 0 for
     *                no limit
     */
    public SnapshotWriterThread(List<StripedAggregator> aggregators, RunWriter writer, long maxKeys) {
        this.aggregators = List.copyOf(aggregators);
        this.tasks = aggregators.stream().map(StripedAggregator::task).toList();
        this.widths = aggregators.stream().map(a -> a.layout().width()).toList();
        this.windowRows = new WindowRows(aggregators);
        this.writer = writer;
        for (int t = 0; t < tasks.size(); t++) {
            totals.add(new SpillingTotals(tasks.get(t), widths.get(t), maxKeys, this::spillDir));
        }
        this.thread = new Thread(this::loop, "ns-snapshot-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Hands a window over. Uninterruptible: the window's tables were already swapped out, so giving up here would
     * lose its packets; an interrupt is re-asserted once the window is queued.
     */
    void submit(WindowSnapshot w) {
        rethrow();
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(w);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for every submitted window, then returns the run totals per task, in config order. */
    public List<FlowRows> finish() {
        try {
            queue.put(END);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetSpectraException("interrupted while finishing snapshots", e);
        }
        rethrow();
        // The buffers kept for the next window are of no use now, and a heap check must not count them.
        windowRows.release();
        aggregators.forEach(StripedAggregator::dropSpare);
        if (writer != null) {
            writer.releaseBuffers();
        }
        List<FlowRows> out = new ArrayList<>();
        try {
            for (SpillingTotals t : totals) {
                t.settleUnlessAlone();
            }
            ensureRoomForRows();
            for (SpillingTotals t : totals) {
                out.add(t.finish());
            }
        } finally {
            deleteSpillDir();
        }
        return out;
    }

    /**
     * Fails with one clear line, rather than an OutOfMemoryError or a JVM lost in garbage collection, when the heap
     * cannot hold every task's rows at once, which the report needs. Checked only when totals were spilled: without
     * a spill the rows are no bigger than the tables that already fit. Everything counted is in the written windows.
     */
    private void ensureRoomForRows() {
        if (spills() == 0) {
            return;
        }
        long need = 0;
        long keys = 0;
        String largest = null;
        long largestKeys = -1;
        for (SpillingTotals t : totals) {
            long n = t.distinctKeys();
            keys += n;
            // The packed row, plus what sorting it for the report may take.
            need += n * (t.rowBytes() + REPORT_BYTES_PER_ROW);
            if (n > largestKeys) {
                largestKeys = n;
                largest = t.task().name();
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need > free - free / 10) {
            throw new OutputException(String.format(java.util.Locale.ROOT,
                    "the report needs %,d keys (%,d in task %s), about %,d MiB, more than the %,d MiB of heap "
                            + "left%s; give Java more heap (e.g. NS_CLI_JAVA_OPTS=-Xmx8g)", keys, largestKeys,
                    largest, need >> 20, free >> 20,
                    writer == null ? "" : "; every window is written under " + writer.runDir()));
        }
    }

    /** Returns how many times run totals were spilled to disk, over all tasks. */
    public int spills() {
        return totals.stream().mapToInt(SpillingTotals::spills).sum();
    }

    /** Returns the folder for spill files, creating it on first use (writer thread, or finish after it). */
    private Path spillDir() {
        if (spillDir == null) {
            try {
                if (writer != null) {
                    spillDir = Files.createDirectories(writer.runDir().resolve(".spill"));
                } else {
                    spillDir = Files.createTempDirectory("ns-spill-");
                }
            } catch (IOException e) {
                throw new OutputException("cannot create a folder to spill run totals: " + e.getMessage(), e);
            }
        }
        return spillDir;
    }

    private void deleteSpillDir() {
        if (spillDir == null) {
            return;
        }
        try (var files = Files.list(spillDir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(spillDir);
        } catch (IOException ignored) {
            // Left behind only on a failing disk; the run's results are complete either way.
        }
    }

    /** Returns the number of windows cut (including empty ones). */
    public int windows() {
        return windows;
    }

    private void rethrow() {
        NetSpectraException.rethrow("snapshot writer", failure);
    }

    private void loop() {
        if (writer != null) {
            try {
                // Kryo is set up here, beside the reading, rather than on the reader's thread before it.
                writer.prepare();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }
        while (true) {
            WindowSnapshot w;
            try {
                w = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (w == END) {
                return;
            }
            try {
                process(w);
            } catch (RuntimeException | Error e) {
                // An Error too (out of memory): were the thread to die, finish() would wait on it for ever.
                if (failure == null) {
                    failure = e;
                }
            }
        }
    }

    /** Writes a window with flows; an empty window only when it is the last of a run that had none. */
    private void process(WindowSnapshot w) {
        windows++;
        boolean empty = w.flows() == 0;
        boolean write = writer != null && failure == null && (!empty || (w.last() && windowsWithFlows == 0));
        if (!empty) {
            windowsWithFlows++;
        }
        // A window's rows are read here only (added to the totals, written), so the next window refills their arrays:
        // the totals take in the previous window's rows first.
        for (SpillingTotals t : totals) {
            t.settle();
        }
        FlowRows[] rows = windowRows.rows(w.tables());
        for (int t = 0; t < tasks.size(); t++) {
            if (!w.last()) {
                aggregators.get(t).recycle(w.tables().get(t));
            }
            totals.get(t).add(rows[t]);
            if (write) {
                writer.writeTaskWindow(w.start(), w.end(), rows[t]);
            }
        }
        if (write) {
            writer.windowDone();
        }
    }
}
