package io.netspectra.pipeline;

import io.netspectra.decode.PacketBatch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        long pool = (long) WorkerPool.batchCount(2) * size * PacketBatch.BYTES_PER_RECORD;
        assertTrue(pool <= 96 * MIB / 16, "pool of " + pool + " bytes");
    }

    @Test
    void manyWorkersShareTheSixtyFourMebibytePoolCap() {
        int size = Pipeline.batchSize(16, 64L * 1024 * MIB);
        long pool = (long) WorkerPool.batchCount(16) * size * PacketBatch.BYTES_PER_RECORD;
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
}
