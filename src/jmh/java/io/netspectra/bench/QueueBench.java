package io.netspectra.bench;

import io.netspectra.decode.PacketBatch;
import io.netspectra.pipeline.Pipeline;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Handing batches between a reader and one worker as the pipeline does: reader takes an empty batch from the free
 * pool and puts it on the work queue, the worker takes it and returns it to the free pool; no work is done on the
 * batch, so this is the hand-off cost alone (per batch of {@link Pipeline#BATCH_SIZE} records). Polls time out after
 * a millisecond so that neither thread blocks past the end of an iteration; one op = one poll attempt, and a timed-out
 * poll is rare while both threads run.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class QueueBench {
    /** As {@code WorkerPool.batchCount} sizes the pool for one worker: 1 filling + 1 in the worker + 2 queued. */
    private static final int BATCHES = 4;

    private BlockingQueue<PacketBatch> work;
    private BlockingQueue<PacketBatch> free;

    @Setup
    public void setUp() {
        work = new ArrayBlockingQueue<>(BATCHES);
        free = new ArrayBlockingQueue<>(BATCHES);
        for (int i = 0; i < BATCHES; i++) {
            free.add(new PacketBatch(Pipeline.BATCH_SIZE));
        }
    }

    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public boolean reader() throws InterruptedException {
        PacketBatch b = free.poll(1, TimeUnit.MILLISECONDS);
        if (b == null) {
            return false;
        }
        work.put(b);
        return true;
    }

    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public int worker() throws InterruptedException {
        PacketBatch b = work.poll(1, TimeUnit.MILLISECONDS);
        if (b == null) {
            return -1;
        }
        b.clear();
        free.put(b);
        return b.size();
    }
}
