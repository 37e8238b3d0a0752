package io.netspectra.bench;

import io.netspectra.aggregate.FlowTable;
import io.netspectra.aggregate.KeyLayout;
import io.netspectra.config.KeyField;
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

import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One table on one thread, fed the five-tuple key stream of the generated capture (packed and hashed at setup), one
 * op = one add: {@link FlowTable#add} against {@link HashMap} with a {@link FlowKey} built per add (what a plain
 * implementation does) and with keys built at setup (the map alone). Tables are new each iteration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class FlowTableBench {
    static final int KEYS = AggregateBench.RECORDS;
    private static final int WIDTH = 5;

    private long[] keys;
    private long[] hashes;
    private int[] wireLength;
    private long[] timestamp;
    private FlowKey[] prebuilt;
    private FlowTable table;
    private HashMap<FlowKey, long[]> map;

    @Setup(Level.Trial)
    public void setUp() {
        KeyLayout layout = new KeyLayout(List.of(KeyField.SRC_IP, KeyField.DST_IP, KeyField.SRC_PORT,
                KeyField.DST_PORT, KeyField.PROTOCOL));
        if (layout.width() != WIDTH) {
            throw new IllegalStateException("five-tuple width " + layout.width());
        }
        int batches = KEYS / Pipeline.BATCH_SIZE;
        List<PacketBatch> stream = GeneratedFrames.generate(KEYS + KEYS / 20).batches(batches, Pipeline.BATCH_SIZE);
        keys = new long[KEYS * WIDTH];
        hashes = new long[KEYS];
        wireLength = new int[KEYS];
        timestamp = new long[KEYS];
        prebuilt = new FlowKey[KEYS];
        int n = 0;
        for (PacketBatch b : stream) {
            for (int i = 0; i < b.size(); i++, n++) {
                hashes[n] = layout.pack(b, i, keys, n * WIDTH);
                wireLength[n] = b.wireLength(i);
                timestamp[n] = b.timestamp(i);
                prebuilt[n] = FlowKey.of(keys, n * WIDTH, WIDTH);
            }
        }
    }

    @Setup(Level.Iteration)
    public void freshTables() {
        table = new FlowTable(WIDTH);
        map = new HashMap<>();
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public FlowTable flowTable() {
        for (int i = 0; i < KEYS; i++) {
            table.add(keys, i * WIDTH, hashes[i], wireLength[i], timestamp[i]);
        }
        return table;
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public HashMap<FlowKey, long[]> hashMapNewKeys() {
        for (int i = 0; i < KEYS; i++) {
            long[] stats = map.computeIfAbsent(FlowKey.of(keys, i * WIDTH, WIDTH), k -> FlowKey.newStats());
            FlowKey.count(stats, wireLength[i], timestamp[i]);
        }
        return map;
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public HashMap<FlowKey, long[]> hashMapPrebuiltKeys() {
        for (int i = 0; i < KEYS; i++) {
            long[] stats = map.computeIfAbsent(prebuilt[i], k -> FlowKey.newStats());
            FlowKey.count(stats, wireLength[i], timestamp[i]);
        }
        return map;
    }
}
