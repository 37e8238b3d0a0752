package io.netspectra.snapshot;

import io.netspectra.aggregate.Derivation;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.aggregate.StripedAggregator;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;
import io.netspectra.decode.DecodedPacket;
import io.netspectra.decode.PacketBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SnapshotWriterThreadTest {
    private static final TaskSpec FIVE = new TaskSpec("five", List.of(KeyField.SRC_IP, KeyField.DST_IP,
            KeyField.SRC_PORT, KeyField.DST_PORT, KeyField.PROTOCOL));

    @Test
    @Timeout(60)
    void finishingTheRunDropsRecycledTablesSoNoneOutlivesIt() {
        StripedAggregator agg = new StripedAggregator(FIVE);
        SnapshotWriterThread writer = new SnapshotWriterThread(List.of(agg), null);
        Set<FlowTable> used = Collections.newSetFromMap(new IdentityHashMap<>());
        long packets = fill(agg, 1);
        FlowTable[] first = agg.swap();
        used.addAll(Arrays.asList(first));
        writer.submit(new WindowSnapshot(10, 20, Collections.singletonList(first), false));
        fill(agg, 2);
        FlowTable[] second = agg.swap();
        used.addAll(Arrays.asList(second));
        agg.recycle(second); // as the writer does once a window is written: a spare set for a later window

        List<FlowRows> totals = writer.finish();

        assertEquals(packets, totals.get(0).totalPackets(), "the submitted window is counted");
        assertEquals(3 * 2_000L, packets);
        // With a spare left, the first swap would install it and the second would hand it back.
        agg.swap();
        for (FlowTable t : agg.swap()) {
            assertEquals(false, used.contains(t), "a table kept past the end of the run");
        }
    }

    @Test
    @Timeout(60)
    void aDerivedTaskListedBeforeItsSourceCountsEachWindowOnceFromTheSourcesRows() {
        TaskSpec dport = new TaskSpec("dport", List.of(KeyField.DST_PORT));
        TaskSpec src = new TaskSpec("src", List.of(KeyField.SRC_IP));
        List<StripedAggregator> aggs = Derivation.aggregators(List.of(dport, src, FIVE));
        StripedAggregator five = aggs.get(2);
        assertEquals(five, aggs.get(0).source());
        assertEquals(five, aggs.get(1).source());
        SnapshotWriterThread writer = new SnapshotWriterThread(aggs, null);
        // Fewer keys in the second window than the first: its rows refill longer arrays and the kept summing table.
        int[] keys = {2_000, 500, 1_000};
        long packets = 0;
        for (int w = 0; w < keys.length; w++) {
            packets += fill(five, w, keys[w]);
            boolean last = w == keys.length - 1;
            List<FlowTable[]> tables = aggs.stream().map(a -> a.swap(last)).toList();
            writer.submit(new WindowSnapshot(w * 10L, w * 10L + 10, tables, last));
        }

        List<FlowRows> totals = writer.finish();

        assertEquals(3L * (2_000 + 500 + 1_000), packets);
        assertEquals(1, totals.get(0).size(), "one destination port");
        assertEquals(packets, totals.get(0).packets(0), "every window once, none twice");
        assertEquals(443L << 24, totals.get(0).keyWord(0, 0));
        FlowRows sources = totals.get(1);
        assertEquals(2_000, sources.size(), "2,000 sources");
        for (int i = 0; i < sources.size(); i++) {
            int k = (int) (sources.keyWord(i, 1) & 0xFFFF);
            int windows = k < 500 ? 3 : k < 1_000 ? 2 : 1;
            long lastWindow = k < 1_000 ? 2 : 0;
            assertEquals(List.of(3L * windows, 300L * windows, 0L, lastWindow * 10 + 2),
                    List.of(sources.packets(i), sources.bytes(i), sources.first(i), sources.last(i)), "source " + k);
        }
        assertEquals(2_000 + 500 + 1_000, totals.get(2).size(), "a five-tuple per source and window");
        assertEquals(packets, totals.get(2).totalPackets());
    }

    /** Adds 3 records for each of 2,000 IPv4 five-tuples; returns the records added. */
    private static long fill(StripedAggregator agg, int seed) {
        return fill(agg, seed, 2_000);
    }

    /**
     * Adds 3 records, at times {@code seed * 10 + 0..2}, for each of {@code keys} IPv4 five-tuples (source 10.0.0.k,
     * destination 11.0.0.seed, port 443); returns the records added.
     */
    private static long fill(StripedAggregator agg, int seed, int keys) {
        PacketBatch batch = new PacketBatch(3 * keys);
        DecodedPacket p = new DecodedPacket();
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < keys; k++) {
                p.srcLo = 0x0A000000L | k;
                p.dstLo = 0x0B000000L | seed;
                p.srcPort = 1024 + k;
                p.dstPort = 443;
                p.protocol = 6;
                batch.add(p, seed * 10L + r, 100);
            }
        }
        agg.addAll(batch, new StripedAggregator.BatchScratch(0));
        return batch.size();
    }
}
