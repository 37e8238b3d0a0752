package io.netspectra.bench;

import io.netspectra.aggregate.BatchGroups;
import io.netspectra.aggregate.Derivation;
import io.netspectra.aggregate.StripedAggregator;
import io.netspectra.config.ConfigLoader;
import io.netspectra.config.TaskSpec;
import io.netspectra.decode.DecodedPacket;
import io.netspectra.decode.FrameDecoder;
import io.netspectra.decode.PacketBatch;
import io.netspectra.pipeline.Pipeline;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decode plus the six default tasks on one thread, one op = one frame: frames held in memory are decoded into one
 * reused {@link PacketBatch}, and every full batch goes through {@link StripedAggregator#addAll} for each live task
 * (the default config counts the five-tuple and derives the other five: {@link Derivation}), as a worker pool of one
 * would (no queue hand-off, no reader copy). Each invocation is one window: at its end every task's rows are built,
 * the derived tasks' from the five-tuple rows, and the tables recycled ({@link WindowCut}), so the op pays for all six
 * tasks. A window of the benchmark capture is about 2.5M packets, ten times an invocation's, so this charges each
 * packet more of the cut than a run does. Each frame is held as its first {@link #HEADER_BYTES} bytes only (the decoder
 * never reads further), back to back in a direct buffer, so the frames of one invocation stream from memory as the
 * reader's window does; the wire length is the frame's own.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class DecodeAggregateBench {
    static final int HEADER_BYTES = 128;

    private GeneratedFrames frames;
    private ByteBuffer headers;
    private int[] offset;
    private int[] length;
    private List<TaskSpec> tasks;
    private List<StripedAggregator> aggregators;
    private List<StripedAggregator> live;
    private WindowCut cut;
    private BatchGroups groups;
    private final StripedAggregator.BatchScratch scratch = new StripedAggregator.BatchScratch(0);
    private final FrameDecoder decoder = new FrameDecoder();
    private final DecodedPacket packet = new DecodedPacket();
    private final PacketBatch batch = new PacketBatch(Pipeline.BATCH_SIZE);

    @Setup(Level.Trial)
    public void setUp() {
        tasks = ConfigLoader.loadDefault().tasks();
        frames = GeneratedFrames.generate(AggregateBench.FRAMES);
        int n = frames.count;
        byte[] held = new byte[n * HEADER_BYTES];
        offset = new int[n];
        length = new int[n];
        int end = 0;
        for (int i = 0; i < n; i++) {
            int len = Math.min(HEADER_BYTES, frames.capturedLength[i]);
            System.arraycopy(frames.bytes, frames.offset[i], held, end, len);
            offset[i] = end;
            length[i] = len;
            end += len;
        }
        headers = GeneratedFrames.direct(held);
    }

    @Setup(Level.Iteration)
    public void freshTables() {
        aggregators = Derivation.aggregators(tasks);
        live = Derivation.live(aggregators);
        cut = new WindowCut(aggregators);
        groups = BatchGroups.forTasks(aggregators);
    }

    @Benchmark
    @OperationsPerInvocation(AggregateBench.FRAMES)
    public long decodeAndAggregate() {
        int n = frames.count;
        for (int i = 0; i < n; i++) {
            if (decoder.decode(headers, offset[i], length[i], frames.linkType[i], packet) == FrameDecoder.IP) {
                batch.add(packet, frames.timestamp[i], frames.wireLength[i]);
                if (batch.isFull()) {
                    flush();
                }
            }
        }
        flush();
        return cut.cut();
    }

    private void flush() {
        groups.group(batch);
        for (StripedAggregator a : live) {
            a.addAll(batch, groups, scratch);
        }
        batch.clear();
    }
}
