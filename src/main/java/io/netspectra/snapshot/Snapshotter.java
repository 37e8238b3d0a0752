package io.netspectra.snapshot;

import io.netspectra.aggregate.FlowTable;
import io.netspectra.aggregate.StripedAggregator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Takes consistent cuts of all tasks' aggregation state.
 *
 * <p>Guarantees:
 * <ol>
 *   <li>A cut swaps every stripe of every task while holding the write side of {@link #cutLock()}; workers hold the
 *       read side for a whole batch, so every batch lands entirely in one window.</li>
 *   <li>Cuts are serialized: windows reach the writer in the order they were cut.</li>
 * </ol>
 */
public final class Snapshotter {
    private final List<StripedAggregator> tasks;
    private final ReentrantReadWriteLock cutLock = new ReentrantReadWriteLock();
    private final SnapshotWriterThread writer;

    public Snapshotter(List<StripedAggregator> tasks, SnapshotWriterThread writer) {
        this.tasks = List.copyOf(tasks);
        this.writer = writer;
    }

    /** Returns the lock whose read side workers hold while aggregating a batch. */
    public ReentrantReadWriteLock cutLock() {
        return cutLock;
    }

    /**
     * Swaps out all tasks' tables as one window [start, end) and hands them to the writer; {@code last} marks the
     * final cut of the run.
     */
    public synchronized void cut(long start, long end, boolean last) {
        List<FlowTable[]> tables = new ArrayList<>(tasks.size());
        cutLock.writeLock().lock();
        try {
            for (StripedAggregator t : tasks) {
                tables.add(t.swap(last));
            }
        } finally {
            cutLock.writeLock().unlock();
        }
        writer.submit(new WindowSnapshot(start, end, tables, last));
    }
}
