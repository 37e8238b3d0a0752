package io.netspectra.bench;

import io.netspectra.aggregate.BatchGroups;
import io.netspectra.aggregate.Derivation;
import io.netspectra.aggregate.StripedAggregator;
import io.netspectra.config.AnalyzerConfig;
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
 * tasks. Each frame is held as its first {@link #HEADER_BYTES} bytes only (the decoder never reads further), back to
 * back in a direct buffer, so the frames of one invocation stream from memory as the reader's window does; the wire
 * length is the frame's own.
 *
 * <p>The cut's cost grows with the keys a window holds, not its packets, so its share of an op depends on the window:
 * <ul>
 *   <li>{@link #decodeAndAggregate}: the frames of one default snapshot interval (30 s) of the generated capture,
 *       3.0M frames and 149,000 five-tuples (0.05 a frame; 330,000 keys over the six tasks): the window a run of
 *       {@code scripts/bench}'s capture cuts. The "decode plus the 6 default tasks" figure.</li>
 *   <li>{@link #decodeAndAggregateSmallWindow}: {@link AggregateBench#FRAMES} frames (42,000 five-tuples, 0.15 a
 *       frame; 124,000 keys over the six tasks), the window earlier passes reported: it charges each frame about four
 *       times the cut a run does.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class DecodeAggregateBench {
    static final int HEADER_BYTES = 128;
    /**
     * The frames of the generated capture's first default snapshot interval (30 s after its first frame's timestamp);
     * {@link Interval}'s set-up checks the count, as {@code @OperationsPerInvocation} needs a constant.
     */
    static final int INTERVAL_FRAMES = 2_999_805;

    /** Decode plus the six default tasks over one default snapshot interval of frames: the figure. */
    @Benchmark
    @OperationsPerInvocation(INTERVAL_FRAMES)
    public long decodeAndAggregate(Interval window) {
        return window.run();
    }

    /** The same over a window of {@link AggregateBench#FRAMES} frames (the figure of earlier passes). */
    @Benchmark
    @OperationsPerInvocation(AggregateBench.FRAMES)
    public long decodeAndAggregateSmallWindow(Small window) {
        return window.run();
    }

    /** One default snapshot interval of frames. */
    @State(Scope.Thread)
    public static class Interval extends Window {
        @Setup(Level.Trial)
        public void setUp() {
            AnalyzerConfig config = ConfigLoader.loadDefault();
            load(config, GeneratedFrames.headers(Integer.MAX_VALUE, config.snapshotIntervalNanos(), HEADER_BYTES));
            if (frames.count != INTERVAL_FRAMES) {
                throw new IllegalStateException("the generated capture's first interval has " + frames.count
                        + " frames, not INTERVAL_FRAMES = " + INTERVAL_FRAMES + ": the generator or the default "
                        + "interval changed; update the constant");
            }
        }

        @Setup(Level.Iteration)
        public void freshTables() {
            fresh();
        }
    }

    /** {@link AggregateBench#FRAMES} frames. */
    @State(Scope.Thread)
    public static class Small extends Window {
        @Setup(Level.Trial)
        public void setUp() {
            load(ConfigLoader.loadDefault(), GeneratedFrames.headers(AggregateBench.FRAMES, Long.MAX_VALUE,
                    HEADER_BYTES));
        }

        @Setup(Level.Iteration)
        public void freshTables() {
            fresh();
        }
    }

    /** A window of frames and the tables they are counted into; one thread. */
    abstract static class Window {
        GeneratedFrames frames;
        private ByteBuffer headers;
        private List<TaskSpec> tasks;
        private List<StripedAggregator> live;
        private WindowCut cut;
        private BatchGroups groups;
        private final StripedAggregator.BatchScratch scratch = new StripedAggregator.BatchScratch(0);
        private final FrameDecoder decoder = new FrameDecoder();
        private final DecodedPacket packet = new DecodedPacket();
        private final PacketBatch batch = new PacketBatch(Pipeline.BATCH_SIZE);

        void load(AnalyzerConfig config, GeneratedFrames held) {
            tasks = config.tasks();
            frames = held;
            headers = GeneratedFrames.direct(held.bytes);
        }

        /** New tables for an iteration. */
        void fresh() {
            List<StripedAggregator> aggregators = Derivation.aggregators(tasks);
            live = Derivation.live(aggregators);
            cut = new WindowCut(aggregators);
            groups = BatchGroups.forTasks(aggregators);
        }

        /** Decodes and counts every frame, then cuts the window; returns the rows over all tasks. */
        long run() {
            GeneratedFrames f = frames;
            for (int i = 0; i < f.count; i++) {
                if (decoder.decode(headers, f.offset[i], f.capturedLength[i], f.linkType[i], packet)
                        == FrameDecoder.IP) {
                    batch.add(packet, f.timestamp[i], f.wireLength[i]);
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
}
