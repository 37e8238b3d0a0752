package io.netspectra.pipeline;

import io.netspectra.NetSpectraException;
import io.netspectra.aggregate.BatchGroups;
import io.netspectra.aggregate.Derivation;
import io.netspectra.aggregate.StripedAggregator;
import io.netspectra.decode.PacketBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;

/**
 * A fixed pool of worker threads fed batches through a bounded queue, and the free pool the batches return to.
 *
 * <p>Guarantees:
 * <ol>
 *   <li>Each submitted batch is aggregated into every live task exactly once, under the read side of the cut lock:
 *       a worker first sums the batch per key of the union of the tasks' fields ({@link BatchGroups}), then adds the
 *       sums to each live task. Derived tasks ({@link Derivation}) are not added to: their rows come from their
 *       source's at the cut.</li>
 *   <li>{@link #drain()} returns once every batch made so far is back in the free pool: all work submitted before it
 *       is done and no worker is inside a batch.</li>
 *   <li>A worker failure is rethrown to the reader thread from {@link #take()}, {@link #drain()} or
 *       {@link #close()}; the reader never waits forever for a dead worker.</li>
 *   <li>With ordered consumers, each submitted batch is also handed, in submission order, to the one
 *       {@code ns-ordered} thread, and window marks ({@link #mark}) reach it in order between batches. A batch returns
 *       to the free pool only when the workers and the ordered thread are both done with it, so {@link #drain()}
 *       covers both.</li>
 * </ol>
 */
final class WorkerPool implements AutoCloseable {
    private static final PacketBatch POISON = new PacketBatch(0);
    /**
     * Records a new pool's first batch has room for (224 KiB); it grows ({@link PacketBatch#grow}) to the batch
     * size as the reader fills it. A capture of a few hundred packets, as {@code --per-file} may read thousands of,
     * then makes 224 KiB of batch instead of 3.5 MiB.
     */
    static final int FIRST_ROOM = 4096;

    /** The live tasks: those counted from packets. */
    private final List<StripedAggregator> tasks;
    private final Lock cutReadLock;
    private final BlockingQueue<PacketBatch> work;
    private final BlockingQueue<PacketBatch> free;
    /** The most batches the pool holds ({@link #batchCount}); they are made as the reader first needs them. */
    private final int batches;
    private final int batchSize;
    /**
     * The room a new batch starts with (reader thread only): {@link #FIRST_ROOM} records, then the most any submitted
     * batch has grown to, so in a long capture only the first batch grows (and one made after a batch handed on
     * part-full at a window cut).
     */
    private int startRoom;
    /** Batches made so far (reader thread only). */
    private int created;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<OrderedConsumer> ordered;
    /** Items for the ordered thread: batches and {@link Mark}s, in order. Unbounded; batches are few and recycled. */
    private final BlockingQueue<Object> orderedQueue = new LinkedBlockingQueue<>();
    /**
     * Per batch, how many of workers and ordered thread still hold it. The reader adds a batch when it makes one,
     * before handing it to any other thread.
     */
    private final Map<PacketBatch, AtomicInteger> holders = new ConcurrentHashMap<>();
    private Thread orderedThread;

    /** A window end for the ordered thread. */
    private record Mark(long start, long end, boolean last) {
    }

    WorkerPool(List<StripedAggregator> tasks, Lock cutReadLock, int workers, int batchSize) {
        this(tasks, List.of(), cutReadLock, workers, batchSize);
    }

    WorkerPool(List<StripedAggregator> tasks, List<OrderedConsumer> ordered, Lock cutReadLock, int workers,
               int batchSize) {
        this.tasks = Derivation.live(tasks);
        this.ordered = List.copyOf(ordered);
        this.cutReadLock = cutReadLock;
        this.batches = batchCount(workers);
        this.batchSize = batchSize;
        this.startRoom = Math.min(batchSize, FIRST_ROOM);
        this.work = new ArrayBlockingQueue<>(batches - 1);
        this.free = new ArrayBlockingQueue<>(batches);
        if (!this.ordered.isEmpty()) {
            orderedThread = new Thread(this::runOrdered, "ns-ordered");
            orderedThread.setDaemon(true);
            orderedThread.start();
        }
        for (int i = 0; i < workers; i++) {
            int worker = i;
            Thread t = new Thread(() -> work(worker), "ns-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /**
     * Returns the batches a pool of {@code workers} workers holds: one being filled by the reader, one in each
     * worker's hands, and two per worker queued, so the reader can run ahead of a worker slowed by a long batch.
     */
    static int batchCount(int workers) {
        return 1 + workers + Math.max(2, 2 * workers);
    }

    /**
     * Takes an empty batch from the free pool, or makes one while the pool holds fewer than its most (reader thread).
     * A short capture thus fills one batch, not the {@code batchCount} a long one keeps in flight (14 MiB of them at
     * 65,536 records and one worker, which {@code --per-file} over thousands of small captures would make and drop
     * per capture), and that batch only as large as it needs ({@link #FIRST_ROOM}).
     */
    PacketBatch take() {
        rethrow();
        PacketBatch spare = free.poll();
        if (spare != null) {
            return spare;
        }
        if (created < batches) {
            PacketBatch b = new PacketBatch(batchSize, startRoom);
            holders.put(b, new AtomicInteger());
            created++;
            return b;
        }
        return takeReturned();
    }

    /** Waits for a batch to come back to the free pool. */
    private PacketBatch takeReturned() {
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

    /** Hands a filled batch to the workers, and to the ordered thread when there is one (reader thread). */
    void submit(PacketBatch b) {
        startRoom = Math.max(startRoom, b.room());
        if (orderedThread != null) {
            holders.get(b).set(2);
            orderedQueue.add(b);
        } else {
            holders.get(b).set(1);
        }
        offer(b);
    }

    /**
     * Tells the ordered consumers that the window {@code [start, end)} ends after the batches submitted so far (any
     * thread: the reader, or the wall-clock ticker). Does nothing without ordered consumers.
     */
    void mark(long start, long end, boolean last) {
        if (orderedThread != null) {
            orderedQueue.add(new Mark(start, end, last));
        }
    }

    private void offer(PacketBatch b) {
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
        List<PacketBatch> all = new ArrayList<>(created);
        while (all.size() < created) {
            all.add(takeReturned());
        }
        free.addAll(all);
    }

    private void work(int worker) {
        StripedAggregator.BatchScratch scratch = new StripedAggregator.BatchScratch(worker);
        BatchGroups groups = BatchGroups.forTasks(tasks);
        try {
            while (true) {
                PacketBatch b = work.take();
                if (b == POISON) {
                    return;
                }
                // Grouping reads only the batch, so it runs before the cut lock; the tasks then add groups, not records.
                if (!tasks.isEmpty()) {
                    groups.group(b);
                }
                cutReadLock.lock();
                try {
                    for (StripedAggregator t : tasks) {
                        t.addAll(b, groups, scratch);
                    }
                } finally {
                    cutReadLock.unlock();
                }
                release(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    private void runOrdered() {
        try {
            while (true) {
                Object item = orderedQueue.take();
                if (item == POISON) {
                    return;
                }
                if (item instanceof Mark m) {
                    for (OrderedConsumer c : ordered) {
                        c.windowEnd(m.start(), m.end(), m.last());
                    }
                } else {
                    PacketBatch b = (PacketBatch) item;
                    for (OrderedConsumer c : ordered) {
                        c.accept(b);
                    }
                    release(b);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    /** Returns {@code b} to the free pool once its last holder is done with it. */
    private void release(PacketBatch b) throws InterruptedException {
        if (holders.get(b).decrementAndGet() == 0) {
            b.clear();
            free.put(b);
        }
    }

    private void rethrow() {
        NetSpectraException.rethrow("worker", failure.get());
    }

    /** Stops the workers and the ordered thread after the queued work and waits for them. */
    @Override
    public void close() {
        for (int i = 0; i < threads.size(); i++) {
            offer(POISON);
        }
        List<Thread> all = new ArrayList<>(threads);
        if (orderedThread != null) {
            orderedQueue.add(POISON);
            all.add(orderedThread);
        }
        for (Thread t : all) {
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
