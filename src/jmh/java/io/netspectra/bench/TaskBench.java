package io.netspectra.bench;

import io.netspectra.aggregate.BatchGroups;
import io.netspectra.aggregate.StripedAggregator;
import io.netspectra.config.ConfigLoader;
import io.netspectra.config.TaskSpec;
import io.netspectra.decode.PacketBatch;
import io.netspectra.pipeline.Pipeline;
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
 * One default task alone on one thread, one op = one packet record: {@link StripedAggregator#addAll} over the same
 * batches as {@link AggregateBench}. {@code task} is the task's name in the default config. Shows where the six-task
 * figure goes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class TaskBench {
    @Param({"by_src_ip", "by_dst_ip", "by_src_port", "by_dst_port", "by_protocol", "by_five_tuple"})
    public String task;

    private TaskSpec spec;
    private List<PacketBatch> batches;
    private StripedAggregator aggregator;
    private BatchGroups groups;
    private final StripedAggregator.BatchScratch scratch = new StripedAggregator.BatchScratch(0);

    @Setup(Level.Trial)
    public void setUp() {
        spec = ConfigLoader.loadDefault().tasks().stream().filter(t -> t.name().equals(task)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no default task " + task));
        groups = new BatchGroups(spec.keyFields());
        batches = GeneratedFrames.generate(AggregateBench.FRAMES)
                .batches(AggregateBench.BATCHES, Pipeline.BATCH_SIZE);
    }

    @Setup(Level.Iteration)
    public void freshTable() {
        aggregator = new StripedAggregator(spec);
    }

    @Benchmark
    @OperationsPerInvocation(AggregateBench.RECORDS)
    public StripedAggregator addAll() {
        for (PacketBatch b : batches) {
            aggregator.addAll(b, groups.group(b), scratch);
        }
        return aggregator;
    }
}
