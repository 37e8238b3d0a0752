package io.netspectra.aggregate;

import io.netspectra.capture.Frame;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;
import io.netspectra.decode.DecodedPacket;
import io.netspectra.decode.PacketBatch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BatchGroupsTest {
    private static final List<KeyField> FIVE = List.of(KeyField.SRC_IP, KeyField.DST_IP, KeyField.SRC_PORT,
            KeyField.DST_PORT, KeyField.PROTOCOL);

    @Test
    void sumsRecordsOfOneKeyIntoOneGroupAndKeepsTimestamplessRecordsOutOfFirstAndLast() {
        PacketBatch batch = new PacketBatch(8);
        DecodedPacket p = new DecodedPacket();
        p.srcLo = 0x0A000001L;
        p.dstLo = 0x0A000002L;
        p.protocol = 6;
        p.srcPort = 1234;
        p.dstPort = 80;
        batch.add(p, 500, 100);
        batch.add(p, Frame.NO_TIMESTAMP, 40);
        batch.add(p, 200, 60);
        p.ipv6 = true; // the same bits as IPv6: another key
        batch.add(p, 900, 1000);
        p.ipv6 = false;
        p.dstPort = 443;
        batch.add(p, Frame.NO_TIMESTAMP, 70);

        BatchGroups g = new BatchGroups(FIVE).group(batch);

        assertEquals(3, g.size());
        assertEquals(List.of(0, 3, 4), List.of(g.record(0), g.record(1), g.record(2)));
        assertEquals(List.of(3L, 200L, 200L, 500L), List.of(g.packets(0), g.bytes(0), g.first(0), g.last(0)));
        assertEquals(List.of(1L, 1000L, 900L, 900L), List.of(g.packets(1), g.bytes(1), g.first(1), g.last(1)));
        assertEquals(List.of(1L, 70L, FlowTable.NO_FIRST, Frame.NO_TIMESTAMP),
                List.of(g.packets(2), g.bytes(2), g.first(2), g.last(2)));
    }

    @Test
    void regroupingANewBatchForgetsTheGroupsOfTheLastOne() {
        PacketBatch batch = new PacketBatch(4);
        DecodedPacket p = new DecodedPacket();
        p.srcLo = 1;
        batch.add(p, 1, 10);
        p.srcLo = 2;
        batch.add(p, 2, 10);
        BatchGroups g = new BatchGroups(List.of(KeyField.SRC_IP)).group(batch);
        assertEquals(2, g.size());

        batch.clear();
        p.srcLo = 2;
        batch.add(p, 3, 10);
        batch.add(p, 4, 10);
        g.group(batch);

        assertEquals(1, g.size());
        assertEquals(List.of(2L, 20L, 3L, 4L), List.of(g.packets(0), g.bytes(0), g.first(0), g.last(0)));
    }

    @Test
    void everyTaskFedThroughUnionGroupsEqualsARecordByRecordCountAcrossBatchesOfChangingSize() {
        List<TaskSpec> tasks = List.of(new TaskSpec("src", List.of(KeyField.SRC_IP)),
                new TaskSpec("dst", List.of(KeyField.DST_IP)), new TaskSpec("sport", List.of(KeyField.SRC_PORT)),
                new TaskSpec("dport", List.of(KeyField.DST_PORT)), new TaskSpec("proto", List.of(KeyField.PROTOCOL)),
                new TaskSpec("pair", List.of(KeyField.SRC_IP, KeyField.DST_PORT)), new TaskSpec("five", FIVE));
        List<StripedAggregator> aggs = new ArrayList<>();
        for (TaskSpec t : tasks) {
            aggs.add(new StripedAggregator(t));
        }
        BatchGroups groups = BatchGroups.forTasks(aggs);
        assertEquals(true, groups.layout().sameFields(new KeyLayout(FIVE)));
        StripedAggregator.BatchScratch scratch = new StripedAggregator.BatchScratch(0);
        List<FlowTable> recount = new ArrayList<>();
        for (StripedAggregator a : aggs) {
            recount.add(new FlowTable(a.layout().width()));
        }
        SplittableRandom r = new SplittableRandom(5);
        DecodedPacket p = new DecodedPacket();
        // Growing, shrinking and empty batches: one BatchGroups regrows and reuses its arrays across them.
        int[] sizes = {3000, 10, 0, 7000, 1, 2500, 7001};
        for (int size : sizes) {
            PacketBatch batch = new PacketBatch(size);
            while (!batch.isFull()) {
                p.ipv6 = r.nextInt(4) == 0;
                p.srcHi = p.ipv6 ? 0x20010DB8L << 32 : 0;
                p.srcLo = r.nextInt(40);
                p.dstHi = p.srcHi;
                p.dstLo = r.nextInt(30);
                p.srcPort = r.nextInt(20);
                p.dstPort = r.nextInt(3) == 0 ? 53 : r.nextInt(2000);
                p.protocol = r.nextInt(5) == 0 ? 17 : 6;
                batch.add(p, r.nextInt(10) == 0 ? Frame.NO_TIMESTAMP : r.nextLong(1_000_000), 60 + r.nextInt(1400));
            }
            groups.group(batch);
            if (size >= 1000) {
                assertEquals(true, groups.size() < batch.size(), "records of one key share a group");
            }
            for (int t = 0; t < aggs.size(); t++) {
                StripedAggregator a = aggs.get(t);
                a.addAll(batch, groups, scratch);
                long[] key = new long[a.layout().width()];
                for (int i = 0; i < batch.size(); i++) {
                    recount.get(t).add(key, a.layout().pack(batch, i, key), batch.wireLength(i), batch.timestamp(i));
                }
            }
        }
        for (int t = 0; t < aggs.size(); t++) {
            StripedAggregator a = aggs.get(t);
            int width = a.layout().width();
            FlowRows got = StripedAggregator.rows(a.task(), width, a.swap());
            FlowRows.Builder b = new FlowRows.Builder(a.task(), width, recount.get(t).size());
            recount.get(t).copyTo(b);
            assertEquals(RowMaps.of(b.build(), width), RowMaps.of(got, width), a.task().name());
        }
    }
}
