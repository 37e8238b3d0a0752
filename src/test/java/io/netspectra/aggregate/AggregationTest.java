package io.netspectra.aggregate;

import io.netspectra.capture.Frame;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;
import io.netspectra.decode.DecodedPacket;
import io.netspectra.decode.PacketBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AggregationTest {
    private static final TaskSpec FIVE_TUPLE = new TaskSpec("t", List.of(KeyField.SRC_IP, KeyField.DST_IP,
            KeyField.SRC_PORT, KeyField.DST_PORT, KeyField.PROTOCOL));

    @Test
    void flowTableAgreesWithHashMapThroughManyGrowths() {
        FlowTable table = new FlowTable(2);
        Map<List<Long>, long[]> reference = new HashMap<>();
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long[] key = {r.nextLong(5_000), r.nextLong(3)};
            int bytes = 60 + r.nextInt(1400);
            long ts = r.nextInt(10) == 0 ? Frame.NO_TIMESTAMP : r.nextLong(1_000_000);
            table.add(key, KeyLayout.hash(key, 0, 2), bytes, ts);
            long[] s = reference.computeIfAbsent(List.of(key[0], key[1]),
                    k -> new long[] {0, 0, FlowTable.NO_FIRST, Frame.NO_TIMESTAMP});
            s[0]++;
            s[1] += bytes;
            if (ts != Frame.NO_TIMESTAMP) {
                s[2] = Math.min(s[2], ts);
                s[3] = Math.max(s[3], ts);
            }
        }
        assertEquals(reference.size(), table.size());
        FlowRows.Builder b = new FlowRows.Builder(FIVE_TUPLE, 2, table.size());
        table.copyTo(b);
        FlowRows rows = b.build();
        for (int i = 0; i < rows.size(); i++) {
            long[] want = reference.get(List.of(rows.keyWord(i, 0), rows.keyWord(i, 1)));
            assertEquals(want[0], rows.packets(i));
            assertEquals(want[1], rows.bytes(i));
            assertEquals(want[2], rows.first(i));
            assertEquals(want[3], rows.last(i));
        }
    }

    @Test
    void mixedIpv4AndIpv6FiveTuplesRoundTripThroughTheCompactTable() {
        FlowTable table = new FlowTable(5);
        Map<List<Long>, long[]> reference = new HashMap<>();
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            boolean v6 = r.nextInt(4) == 0;
            long last = r.nextInt(3) | (long) r.nextInt(50) << 8 | (long) r.nextInt(4) << 24 | (v6 ? 1L << 40 : 0);
            long[] key = v6
                    ? new long[] {0x20010DB8L << 32, r.nextInt(300), 0x20010DB8L << 32, r.nextInt(7), last}
                    : new long[] {0, 0xC0A80000L | r.nextInt(300), 0, 0xFFFFFFF0L | r.nextInt(7), last};
            int bytes = 60 + r.nextInt(1400);
            table.add(key, KeyLayout.hash(key, 0, 5), bytes, i);
            long[] s = reference.computeIfAbsent(List.of(key[0], key[1], key[2], key[3], key[4]),
                    k -> new long[] {0, 0, FlowTable.NO_FIRST, Frame.NO_TIMESTAMP});
            s[0]++;
            s[1] += bytes;
            s[2] = Math.min(s[2], i);
            s[3] = Math.max(s[3], i);
        }
        assertEquals(reference.size(), table.size());
        FlowRows.Builder b = new FlowRows.Builder(FIVE_TUPLE, 5, table.size());
        table.copyTo(b);
        FlowRows rows = b.build();
        FlowTable again = new FlowTable(5);
        again.mergeAll(rows);
        assertEquals(rows.size(), again.size());
        for (int i = 0; i < rows.size(); i++) {
            List<Long> k = List.of(rows.keyWord(i, 0), rows.keyWord(i, 1), rows.keyWord(i, 2), rows.keyWord(i, 3),
                    rows.keyWord(i, 4));
            long[] want = reference.get(k);
            assertEquals(true, want != null, "key " + k + " came back in canonical form");
            assertEquals(want[0], rows.packets(i));
            assertEquals(want[1], rows.bytes(i));
            assertEquals(want[2], rows.first(i));
            assertEquals(want[3], rows.last(i));
        }
    }

    @Test
    void keyLayoutSeparatesIpv4FromTheSameBitsInIpv6() {
        KeyLayout layout = new KeyLayout(List.of(KeyField.SRC_IP));
        PacketBatch batch = new PacketBatch(2);
        DecodedPacket p = new DecodedPacket();
        p.srcLo = 0x01020304L;
        batch.add(p, 0, 60);
        p.ipv6 = true;
        batch.add(p, 0, 60);
        long[] a = new long[3];
        long[] b = new long[3];
        layout.pack(batch, 0, a);
        layout.pack(batch, 1, b);
        assertEquals(3, layout.width());
        assertEquals(false, java.util.Arrays.equals(a, b));
    }

    @Test
    void ipv4FormWidensBackToTheWideFormForEveryFieldCombination() {
        PacketBatch batch = new PacketBatch(3);
        DecodedPacket p = new DecodedPacket();
        p.srcLo = 0xC0A80001L;
        p.dstLo = 0xFFFFFFFEL;
        p.srcPort = 65535;
        p.dstPort = 443;
        p.protocol = 17;
        batch.add(p, 0, 60);
        p.ipv6 = true;
        batch.add(p, 0, 60);
        p.ipv6 = false;
        p.srcHi = 1; // not an IPv4 address: no IPv4 form
        batch.add(p, 0, 60);
        KeyField[] all = KeyField.values();
        for (int mask = 1; mask < 1 << all.length; mask++) {
            List<KeyField> fields = new ArrayList<>();
            for (int f = 0; f < all.length; f++) {
                if ((mask & 1 << f) != 0) {
                    fields.add(all[f]);
                }
            }
            KeyLayout layout = new KeyLayout(fields);
            boolean addressed = fields.contains(KeyField.SRC_IP) || fields.contains(KeyField.DST_IP);
            assertEquals(addressed, layout.fitsIpv4(batch, 0), fields.toString());
            assertEquals(false, layout.fitsIpv4(batch, 1), fields + " IPv6");
            assertEquals(false, layout.fitsIpv4(batch, 2), fields + " high address bits");
            if (!addressed) {
                assertEquals(0, layout.ipv4Width(), fields.toString());
                continue;
            }
            long[] v4 = new long[layout.ipv4Width()];
            long[] widened = new long[layout.width()];
            long[] wide = new long[layout.width()];
            layout.packIpv4(batch, 0, v4, 0);
            layout.widen(v4, 0, widened, 0);
            layout.pack(batch, 0, wide, 0);
            assertEquals(java.util.Arrays.toString(wide), java.util.Arrays.toString(widened), fields.toString());
            assertEquals(true, layout.ipv4Width() < layout.width(), fields.toString());
        }
    }

    @Test
    void portOnlyKeysMergeBothAddressFamilies() {
        KeyLayout layout = new KeyLayout(List.of(KeyField.DST_PORT));
        PacketBatch batch = new PacketBatch(2);
        DecodedPacket p = new DecodedPacket();
        p.dstPort = 443;
        batch.add(p, 0, 60);
        p.ipv6 = true;
        batch.add(p, 0, 60);
        long[] a = new long[1];
        long[] b = new long[1];
        assertEquals(layout.pack(batch, 0, a), layout.pack(batch, 1, b));
        assertEquals(443, KeyLayout.field(a[0], KeyField.DST_PORT));
    }

    @Test
    void directTablesAgreeWithHashedTablesForPortAndProtocolKeys() {
        SplittableRandom r = new SplittableRandom(13);
        PacketBatch batch = new PacketBatch(50_000);
        DecodedPacket p = new DecodedPacket();
        while (!batch.isFull()) {
            p.srcPort = r.nextInt(65_536);
            p.dstPort = r.nextInt(8) == 0 ? r.nextInt(65_536) : r.nextInt(1024);
            p.protocol = r.nextInt(4) == 0 ? r.nextInt(256) : 6;
            p.ipv6 = r.nextBoolean();
            batch.add(p, r.nextInt(10) == 0 ? Frame.NO_TIMESTAMP : r.nextLong(1_000_000), 60 + r.nextInt(1400));
        }
        for (KeyField f : List.of(KeyField.SRC_PORT, KeyField.DST_PORT, KeyField.PROTOCOL)) {
            TaskSpec task = new TaskSpec("t", List.of(f));
            StripedAggregator agg = new StripedAggregator(task);
            assertEquals(true, agg.layout().isDirect(), f.toString());
            agg.addAll(batch, new StripedAggregator.BatchScratch(0));
            FlowRows direct = StripedAggregator.rows(task, 1, agg.swap());
            FlowTable hashed = new FlowTable(1);
            long[] key = new long[1];
            for (int i = 0; i < batch.size(); i++) {
                hashed.add(key, agg.layout().pack(batch, i, key), batch.wireLength(i), batch.timestamp(i));
            }
            FlowRows.Builder b = new FlowRows.Builder(task, 1, hashed.size());
            hashed.copyTo(b);
            assertEquals(rowMap(b.build()), rowMap(direct), f.toString());
            FlowTable again = FlowTable.direct(agg.layout().directShift(), agg.layout().directBits());
            again.mergeAll(direct);
            FlowRows.Builder c = new FlowRows.Builder(task, 1, again.size());
            again.copyTo(c);
            assertEquals(rowMap(direct), rowMap(c.build()), f + " merged into a direct table");
        }
    }

    @Test
    void recycledTablesComeBackEmptyAndCountOnlyTheNextWindow() {
        PacketBatch first = new PacketBatch(20_000);
        PacketBatch second = new PacketBatch(20_000);
        DecodedPacket p = new DecodedPacket();
        SplittableRandom r = new SplittableRandom(3);
        for (PacketBatch b : List.of(first, second)) {
            while (!b.isFull()) {
                p.srcLo = r.nextInt(5_000);
                p.dstLo = r.nextInt(5_000);
                p.dstPort = r.nextInt(100);
                p.protocol = 6;
                b.add(p, r.nextLong(1_000_000), 60 + r.nextInt(1400));
            }
        }
        for (TaskSpec task : List.of(FIVE_TUPLE, new TaskSpec("port", List.of(KeyField.DST_PORT)))) {
            int width = new KeyLayout(task.keyFields()).width();
            StripedAggregator agg = new StripedAggregator(task);
            agg.addAll(first, new StripedAggregator.BatchScratch(0));
            FlowTable[] window1 = agg.swap();
            StripedAggregator.rows(task, width, window1);
            agg.recycle(window1);
            // Window 2 was installed by the first swap, before window 1 came back; window 3 runs in window 1's tables.
            agg.addAll(first, new StripedAggregator.BatchScratch(0));
            agg.swap();
            agg.addAll(second, new StripedAggregator.BatchScratch(0));
            FlowTable[] window3 = agg.swap();

            int reused = 0;
            for (int s = 0; s < window1.length; s++) {
                reused += window3[s] == window1[s] ? 1 : 0;
            }
            assertEquals(true, reused > 0, task.name() + ": the third window ran in recycled tables");
            StripedAggregator fresh = new StripedAggregator(task);
            fresh.addAll(second, new StripedAggregator.BatchScratch(0));
            assertEquals(RowMaps.of(StripedAggregator.rows(task, width, fresh.swap()), width),
                    RowMaps.of(StripedAggregator.rows(task, width, window3), width), task.name());
        }
    }

    @Test
    void recyclingAnotherTasksTablesIsRefused() {
        StripedAggregator five = new StripedAggregator(FIVE_TUPLE);
        StripedAggregator src = new StripedAggregator(new TaskSpec("src", List.of(KeyField.SRC_IP)));
        StripedAggregator port = new StripedAggregator(new TaskSpec("port", List.of(KeyField.DST_PORT)));
        FlowTable[] fiveTables = five.swap();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> src.recycle(fiveTables));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> port.recycle(fiveTables));
        five.recycle(fiveTables);
    }

    @Test
    void rowsBuiltIntoReusedArraysHoldOnlyTheNewRows() {
        TaskSpec task = new TaskSpec("t", List.of(KeyField.SRC_IP));
        FlowRows.Builder first = new FlowRows.Builder(task, 3, 4);
        for (int r = 0; r < 4; r++) {
            first.add(new long[] {0, r, 0}, 0, new long[] {1, 100, r, r}, 0);
        }
        FlowRows old = first.build();
        FlowRows.Builder second = new FlowRows.Builder(task, 3, 2, old);
        second.add(new long[] {0, 9, 0}, 0, new long[] {5, 500, 7, 8}, 0);
        FlowRows rows = second.build();

        assertEquals(true, rows.keys() == old.keys(), "the arrays are reused");
        assertEquals(1, rows.size());
        assertEquals(List.of(9L, 5L, 500L, 7L, 8L),
                List.of(rows.keyWord(0, 1), rows.packets(0), rows.bytes(0), rows.first(0), rows.last(0)));
        FlowRows.Builder larger = new FlowRows.Builder(task, 3, 5, rows);
        assertEquals(false, larger.build().keys() == old.keys(), "arrays too small for 5 rows are not reused");
    }


    private static Map<Long, List<Long>> rowMap(FlowRows rows) {
        Map<Long, List<Long>> m = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            m.put(rows.keyWord(i, 0), List.of(rows.packets(i), rows.bytes(i), rows.first(i), rows.last(i)));
        }
        assertEquals(rows.size(), m.size(), "distinct keys");
        return m;
    }

    @Test
    @Timeout(60)
    void concurrentSwapsLoseAndDuplicateNothing() throws InterruptedException {
        StripedAggregator agg = new StripedAggregator(FIVE_TUPLE);
        int threads = 4;
        int batchesPerThread = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            Thread w = new Thread(() -> {
                PacketBatch batch = new PacketBatch(1000);
                DecodedPacket p = new DecodedPacket();
                SplittableRandom r = new SplittableRandom(seed);
                StripedAggregator.BatchScratch scratch = new StripedAggregator.BatchScratch(seed);
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < batchesPerThread; i++) {
                    batch.clear();
                    while (!batch.isFull()) {
                        p.srcLo = r.nextInt(1000);
                        p.dstLo = r.nextInt(1000);
                        p.protocol = 6;
                        batch.add(p, r.nextLong(1_000_000), 100);
                    }
                    agg.addAll(batch, scratch);
                }
            });
            workers.add(w);
            w.start();
        }
        AtomicBoolean done = new AtomicBoolean();
        List<FlowTable[]> swapped = new ArrayList<>();
        Thread swapper = new Thread(() -> {
            while (!done.get()) {
                swapped.add(agg.swap());
            }
        });
        swapper.start();
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        done.set(true);
        swapper.join();
        swapped.add(agg.swap());
        long packets = 0;
        long bytes = 0;
        for (FlowTable[] cut : swapped) {
            FlowRows rows = StripedAggregator.rows(FIVE_TUPLE, 5, cut);
            packets += rows.totalPackets();
            bytes += rows.totalBytes();
        }
        long expected = (long) threads * batchesPerThread * 1000;
        assertEquals(expected, packets);
        assertEquals(expected * 100, bytes);
    }
}
