package io.netspectra.pipeline;

import io.netspectra.NetSpectraException;
import io.netspectra.aggregate.StripedAggregator;
import io.netspectra.decode.PacketBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;

/**
 * A fixed pool of worker threads fed batches through a bounded queue, and the free pool the batches return to.
 *
 * <p>Guarantees:
 * <ol>
 *   <li>Each submitted batch is aggregated into every task exactly once, under the read side of the cut lock.</li>
 *   <li>{@link #drain()} returns once every batch is back in the free pool: all work submitted before it is done and
 *       no worker is inside a batch.</li>
 *   <li>A worker failure is rethrown to the reader thread from {@link #take()}, {@link #drain()} or
 *       {@link #close()}; the reader never waits forever for a dead worker.</li>
 * </ol>
 */
final class WorkerPool implements AutoCloseable {
    private static final PacketBatch POISON = new PacketBatch(0);

    private final List<StripedAggregator> tasks;
    private final Lock cutReadLock;
    private final BlockingQueue<PacketBatch> work;
    private final BlockingQueue<PacketBatch> free;
    private final int batches;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    WorkerPool(List<StripedAggregator> tasks, Lock cutReadLock, int workers, int batchSize) {
        this.tasks = List.copyOf(tasks);
        this.cutReadLock = cutReadLock;
        int queued = Math.max(4, workers * 4);
        this.batches = queued + workers + 1;
        this.work = new ArrayBlockingQueue<>(queued + workers);
        this.free = new ArrayBlockingQueue<>(batches);
        for (int i = 0; i < batches; i++) {
            free.add(new PacketBatch(batchSize));
        }
        for (int i = 0; i < workers; i++) {
            int worker = i;
            Thread t = new Thread(() -> work(worker), "ns-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Takes an empty batch from the free pool (reader thread). */
    PacketBatch take() {
        while (true) {
            rethrow();
            try {
                PacketBatch b = free.poll(100, TimeUnit.MILLISECONDS);
                if (b != null) {
                    return b;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetSpectraException("interrupted", e);
            }
        }
    }

    /** Hands a filled batch to the workers (reader thread). */
    void submit(PacketBatch b) {
        try {
            while (!work.offer(b, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetSpectraException("interrupted", e);
        }
    }

    /** Waits until every batch is back in the free pool (reader thread, holding no batch). */
    void drain() {
        List<PacketBatch> all = new ArrayList<>(batches);
        while (all.size() < batches) {
            all.add(take());
        }
        free.addAll(all);
    }

    private void work(int worker) {
        StripedAggregator.BatchScratch scratch = new StripedAggregator.BatchScratch(worker);
        try {
            while (true) {
                PacketBatch b = work.take();
                if (b == POISON) {
                    return;
                }
                cutReadLock.lock();
                try {
                    for (StripedAggregator t : tasks) {
                        t.addAll(b, scratch);
                    }
                } finally {
                    cutReadLock.unlock();
                }
                b.clear();
                free.put(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    private void rethrow() {
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new NetSpectraException("worker failed: " + t, t);
        }
    }

    /** Stops the workers after the queued work and waits for them. */
    @Override
    public void close() {
        for (int i = 0; i < threads.size(); i++) {
            submit(POISON);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        rethrow();
    }
}
