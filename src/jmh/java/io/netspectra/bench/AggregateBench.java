package io.netspectra.bench;

import io.netspectra.aggregate.KeyLayout;
import io.netspectra.aggregate.BatchGroups;
import io.netspectra.aggregate.Derivation;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Aggregating decoded packets into the six default tasks on one thread, one op = one packet record (through all six
 * tasks): {@link StripedAggregator#addAll} for the live task (the five-tuple; the other five are derived from it,
 * {@link Derivation}) with each invocation ending as a window does ({@link WindowCut}: rows built, five derived, tables
 * recycled), against one {@link HashMap} per task keyed by a {@link FlowKey} record (the JDK baseline, counting every
 * task from every record). Maps are new each iteration, so the first invocation of an iteration inserts and the rest
 * update existing keys, as within a window; the striped tables are recycled at each invocation's cut, so each
 * invocation inserts its keys again into grown tables.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class AggregateBench {
    static final int BATCHES = 262_144 / Pipeline.BATCH_SIZE;
    static final int RECORDS = BATCHES * Pipeline.BATCH_SIZE;
    /** Enough frames for {@link #BATCHES} full batches after the ~1.5% ARP frames are skipped. */
    static final int FRAMES = RECORDS + RECORDS / 20;

    private List<TaskSpec> tasks;
    private List<PacketBatch> batches;
    private List<StripedAggregator> aggregators;
    private List<StripedAggregator> live;
    private WindowCut cut;
    private BatchGroups groups;
    private final StripedAggregator.BatchScratch scratch = new StripedAggregator.BatchScratch(0);
    private List<KeyLayout> layouts;
    private List<HashMap<FlowKey, long[]>> maps;
    private final long[] key = new long[5];

    @Setup(Level.Trial)
    public void setUp() {
        tasks = ConfigLoader.loadDefault().tasks();
        batches = GeneratedFrames.generate(FRAMES).batches(BATCHES, Pipeline.BATCH_SIZE);
        layouts = tasks.stream().map(t -> new KeyLayout(t.keyFields())).toList();
    }

    @Setup(Level.Iteration)
    public void freshTables() {
        aggregators = Derivation.aggregators(tasks);
        live = Derivation.live(aggregators);
        cut = new WindowCut(aggregators);
        maps = new ArrayList<>();
        for (TaskSpec t : tasks) {
            maps.add(new HashMap<>());
        }
        groups = BatchGroups.forTasks(aggregators);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long stripedAggregator() {
        for (PacketBatch b : batches) {
            groups.group(b);
            for (StripedAggregator a : live) {
                a.addAll(b, groups, scratch);
            }
        }
        return cut.cut();
    }

    /** The grouping alone: the part of {@link #stripedAggregator} that does not depend on the task count. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public int groupOnly() {
        int n = 0;
        for (PacketBatch b : batches) {
            n += groups.group(b).size();
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public List<HashMap<FlowKey, long[]>> hashMapBaseline() {
        for (PacketBatch b : batches) {
            for (int t = 0; t < maps.size(); t++) {
                KeyLayout layout = layouts.get(t);
                HashMap<FlowKey, long[]> map = maps.get(t);
                int width = layout.width();
                for (int i = 0; i < b.size(); i++) {
                    layout.pack(b, i, key);
                    long[] stats = map.computeIfAbsent(FlowKey.of(key, 0, width), k -> FlowKey.newStats());
                    FlowKey.count(stats, b.wireLength(i), b.timestamp(i));
                }
            }
        }
        return maps;
    }
}
