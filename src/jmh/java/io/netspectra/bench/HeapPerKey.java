package io.netspectra.bench;

import io.netspectra.aggregate.StripedAggregator;
import io.netspectra.config.ConfigLoader;
import io.netspectra.config.TaskSpec;
import io.netspectra.decode.DecodedPacket;
import io.netspectra.decode.PacketBatch;
import io.netspectra.pipeline.Pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap cost per tracked key of one window's tables, per default task: fills a fresh {@link StripedAggregator} with
 * {@code N} records of distinct IPv4 five-tuples (distinct source and destination addresses too; ports wrap at
 * 65,536, one protocol), then reads the used heap after a full GC, minus the heap before. Not a JMH benchmark:
 * {@code java -Xmx2g -cp target/benchmarks.jar io.netspectra.bench.HeapPerKey [N]} (default 10,000,000).
 * The figure is the steady state of a filled window; while a table doubles, its old and new arrays coexist for a
 * moment, and at a cut the next window's tables are presized to the last window's key count.
 */
public final class HeapPerKey {
    private HeapPerKey() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        PacketBatch batch = new PacketBatch(Pipeline.BATCH_SIZE);
        DecodedPacket p = new DecodedPacket();
        System.out.printf("%-14s %12s %14s %14s %10s%n", "task", "keys", "heap MiB", "tables MiB", "B/key");
        for (TaskSpec task : ConfigLoader.loadDefault().tasks()) {
            long before = usedAfterGc(memory);
            StripedAggregator agg = new StripedAggregator(task);
            StripedAggregator.BatchScratch scratch = new StripedAggregator.BatchScratch(0);
            for (int i = 0; i < n; i++) {
                p.srcLo = 0x0A00_0000L + i;
                p.dstLo = 0xC0A8_0000L ^ (i * 0x9E37_79B1L & 0xFFFF_FFFFL);
                p.srcPort = i & 0xFFFF;
                p.dstPort = (i >>> 16) & 0xFFFF;
                p.protocol = 6;
                batch.add(p, 1_000L * i, 100);
                if (batch.isFull()) {
                    agg.addAll(batch, scratch);
                    batch.clear();
                }
            }
            agg.addAll(batch, scratch);
            batch.clear();
            long after = usedAfterGc(memory);
            long keys = agg.size();
            long tableBytes = agg.heapBytes();
            System.out.printf("%-14s %,12d %,14.1f %,14.1f %,10.1f%n", task.name(), keys,
                    (after - before) / 1048576.0, tableBytes / 1048576.0, (double) (after - before) / keys);
            agg = null;
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
