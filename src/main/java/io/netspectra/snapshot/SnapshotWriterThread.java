package io.netspectra.snapshot;

import io.netspectra.NetSpectraException;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.aggregate.StripedAggregator;
import io.netspectra.config.TaskSpec;
import io.netspectra.store.RunWriter;

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
    private static final WindowSnapshot END = new WindowSnapshot(0, 0, List.of(), true);

    private final List<TaskSpec> tasks;
    private final List<Integer> widths;
    private final RunWriter writer;
    private final List<FlowTable> totals = new ArrayList<>();
    private final BlockingQueue<WindowSnapshot> queue = new ArrayBlockingQueue<>(2);
    private final Thread thread;
    private volatile RuntimeException failure;
    private int windows;
    private int windowsWithFlows;

    /** Starts the thread; {@code writer} is null when snapshots are not written. */
    public SnapshotWriterThread(List<StripedAggregator> aggregators, RunWriter writer) {
        this.tasks = aggregators.stream().map(StripedAggregator::task).toList();
        this.widths = aggregators.stream().map(a -> a.layout().width()).toList();
        this.writer = writer;
        for (int w : widths) {
            totals.add(new FlowTable(w));
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
        List<FlowRows> out = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            out.add(StripedAggregator.rows(tasks.get(t), widths.get(t), new FlowTable[] {totals.get(t)}));
        }
        return out;
    }

    /** Returns the number of windows cut (including empty ones). */
    public int windows() {
        return windows;
    }

    private void rethrow() {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    private void loop() {
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
            } catch (RuntimeException e) {
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
        for (int t = 0; t < tasks.size(); t++) {
            FlowRows rows = StripedAggregator.rows(tasks.get(t), widths.get(t), w.tables().get(t));
            totals.get(t).mergeAll(rows);
            if (write) {
                writer.writeTaskWindow(w.start(), w.end(), rows);
            }
        }
        if (write) {
            writer.windowDone();
        }
    }
}
