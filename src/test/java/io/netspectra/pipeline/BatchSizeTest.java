package io.netspectra.pipeline;

import io.netspectra.decode.PacketBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchSizeTest {
    private static final long MIB = 1L << 20;

    @Test
    void aLargeHeapWithFewWorkersGetsTheLargestBatches() {
        assertEquals(Pipeline.BATCH_SIZE, Pipeline.batchSize(2, 4096 * MIB));
        assertEquals(Pipeline.BATCH_SIZE, Pipeline.batchSize(1, 1024 * MIB));
    }

    @Test
    void aSmallHeapShrinksTheBatchesSoThePoolTakesASixteenthOfIt() {
        int size = Pipeline.batchSize(2, 96 * MIB);
        // 96 MiB / 16 = 6 MiB for 7 batches (1 filling, 2 in workers' hands, 4 queued) of 56 bytes per record.
        assertEquals(6 * MIB / 7 / 56, size);
        long pool = poolBytes(2, size);
        assertTrue(pool <= 96 * MIB / 16, "pool of " + pool + " bytes");
    }

    @Test
    void manyWorkersShareTheSixtyFourMebibytePoolCap() {
        int size = Pipeline.batchSize(16, 64L * 1024 * MIB);
        long pool = poolBytes(16, size);
        assertTrue(size < Pipeline.BATCH_SIZE, "size " + size);
        assertTrue(pool <= Pipeline.MAX_BATCH_POOL_BYTES, "pool of " + pool + " bytes");
    }

    @Test
    void batchesNeverShrinkBelowTheMinimum() {
        assertEquals(Pipeline.MIN_BATCH_SIZE, Pipeline.batchSize(1024, 256 * MIB));
        assertEquals(Pipeline.MIN_BATCH_SIZE, Pipeline.batchSize(1, 1 * MIB));
    }

    @Test
    void aPoolHoldsOneBatchFillingOnePerWorkerAndTwoPerWorkerQueued() {
        assertEquals(4, WorkerPool.batchCount(1));
        assertEquals(7, WorkerPool.batchCount(2));
        assertEquals(13, WorkerPool.batchCount(4));
    }

    /**
     * Batches are made as the reader first needs them: a short capture, one batch submitted and drained at a time,
     * fills the same batch again; a reader ahead of a stalled worker gets the pool's full count, and then waits for
     * one to come back rather than make more.
     */
    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void aPoolMakesBatchesOnlyAsTheReaderNeedsThem() throws Exception {
        Set<PacketBatch> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ReentrantReadWriteLock cut = new ReentrantReadWriteLock();
        try (WorkerPool pool = new WorkerPool(List.of(), cut.readLock(), 1, 64)) {
            for (int i = 0; i < 5; i++) {
                PacketBatch b = pool.take();
                seen.add(b);
                pool.submit(b);
                pool.drain();
            }
            assertEquals(1, seen.size(), "batches made for five drained submissions");
            // The worker stalls on the cut lock with the first batch; the others queue.
            cut.writeLock().lock();
            try {
                for (int i = 0; i < WorkerPool.batchCount(1); i++) {
                    PacketBatch b = pool.take();
                    seen.add(b);
                    pool.submit(b);
                }
                assertEquals(WorkerPool.batchCount(1), seen.size(), "batches made while the worker is stalled");
                // With every batch out, the next take waits for one to come back instead of making another. (The
                // reader's calls are handed to one other thread here, in turn, never at once.)
                ExecutorService reader = Executors.newSingleThreadExecutor();
                try {
                    Future<PacketBatch> next = reader.submit(pool::take);
                    assertThrows(TimeoutException.class, () -> next.get(300, TimeUnit.MILLISECONDS),
                            "take() returned while every batch was out");
                    cut.writeLock().unlock();
                    PacketBatch again = next.get(30, TimeUnit.SECONDS);
                    assertTrue(seen.contains(again), "a batch that came back, not a new one");
                    reader.submit(() -> {
                        pool.submit(again);
                        pool.drain();
                    }).get(30, TimeUnit.SECONDS);
                } finally {
                    reader.shutdownNow();
                }
            } finally {
                if (cut.isWriteLockedByCurrentThread()) {
                    cut.writeLock().unlock();
                }
            }
        }
    }

    /**
     * A new pool's first batch has room for {@link WorkerPool#FIRST_ROOM} records (a short capture's batch stays that
     * small); once a batch has grown, the batches the pool makes after it start at that room.
     */
    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void aPoolsFirstBatchStartsSmallAndLaterBatchesStartAsLargeAsItGrew() {
        int size = 4 * WorkerPool.FIRST_ROOM;
        ReentrantReadWriteLock cut = new ReentrantReadWriteLock();
        try (WorkerPool pool = new WorkerPool(List.of(), cut.readLock(), 1, size)) {
            PacketBatch first = pool.take();
            assertEquals(WorkerPool.FIRST_ROOM, first.room());
            assertEquals(size, first.capacity());
            assertTrue(first.grow());
            assertTrue(first.grow());
            assertEquals(size, first.room());
            // The worker stalls on the cut lock, so the next take makes a new batch rather than reuse the first.
            cut.writeLock().lock();
            try {
                pool.submit(first);
                PacketBatch second = pool.take();
                assertNotSame(first, second, "a new batch");
                assertEquals(size, second.room());
                pool.submit(second);
            } finally {
                cut.writeLock().unlock();
            }
            pool.drain();
        }
    }

    /** The heap of a pool of {@code workers} workers' batches of {@code size} records. */
    private static long poolBytes(int workers, int size) {
        return (long) WorkerPool.batchCount(workers) * size * PacketBatch.BYTES_PER_RECORD;
    }
}
