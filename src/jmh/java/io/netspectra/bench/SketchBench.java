package io.netspectra.bench;

import io.netspectra.aggregate.BatchGroups;
import io.netspectra.aggregate.StripedAggregator;
import io.netspectra.config.ConfigLoader;
import io.netspectra.config.TaskSpec;
import io.netspectra.decode.PacketBatch;
import io.netspectra.pipeline.Pipeline;
import io.netspectra.sketch.SketchConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The per-record cost of one sketch task beside one exact flows task on the same key, on one thread, one op = one
 * packet record: {@code exact} is a {@link StripedAggregator} keyed on SrcIP (what a flows task costs a worker);
 * the sketch tasks run through {@link SketchConsumer} (what they cost the ordered thread). Tables and sketches are new
 * each iteration, as at the start of a window.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class SketchBench {
    static final int BATCHES = 262_144 / Pipeline.BATCH_SIZE;
    static final int RECORDS = BATCHES * Pipeline.BATCH_SIZE;
    private static final int FRAMES = RECORDS + RECORDS / 20;
    private static final String TASKS = """
            aggregator:
              tasks:
                - {name: exact, key_fields: [SrcIP]}
                - {name: distinct, key_fields: [SrcIP], distinct: [DstIP, DstPort]}
                - {name: cardinality, type: cardinality, key_fields: [DstIP, DstPort]}
                - {name: heavy_hitters, type: heavy_hitters, key_fields: [SrcIP]}
                - {name: heavy_hitters_pairs, type: heavy_hitters, key_fields: [SrcIP, DstIP]}
            """;

    /** Which task to run. */
    @Param({"exact", "distinct", "cardinality", "heavy_hitters", "heavy_hitters_pairs"})
    public String task;

    private TaskSpec spec;
    private List<PacketBatch> batches;
    private StripedAggregator aggregator;
    private SketchConsumer sketches;
    private BatchGroups groups;
    private final StripedAggregator.BatchScratch scratch = new StripedAggregator.BatchScratch(0);

    @Setup(Level.Trial)
    public void setUp() {
        spec = ConfigLoader.parse("bench", TASKS).tasks().stream().filter(t -> t.name().equals(task)).findFirst()
                .orElseThrow();
        groups = new BatchGroups(spec.keyFields());
        batches = GeneratedFrames.generate(FRAMES).batches(BATCHES, Pipeline.BATCH_SIZE);
    }

    @Setup(Level.Iteration)
    public void fresh() {
        if (spec.sketched()) {
            sketches = new SketchConsumer(List.of(spec), null);
        } else {
            aggregator = new StripedAggregator(spec);
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public Object perRecord() {
        if (sketches != null) {
            for (PacketBatch b : batches) {
                sketches.accept(b);
            }
            return sketches;
        }
        for (PacketBatch b : batches) {
            aggregator.addAll(b, groups.group(b), scratch);
        }
        return aggregator;
    }
}
