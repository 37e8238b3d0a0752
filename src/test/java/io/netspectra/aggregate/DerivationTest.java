package io.netspectra.aggregate;

import io.netspectra.capture.Frame;
import io.netspectra.config.ConfigLoader;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;
import io.netspectra.decode.DecodedPacket;
import io.netspectra.decode.PacketBatch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DerivationTest {
    private static final KeyField[] ALL = KeyField.values();

    @Test
    void projectingACoveringKeyGivesWhatPackingTheRecordGivesForEveryPairOfFieldSets() {
        PacketBatch batch = records(new SplittableRandom(3), 2_000);
        int pairs = 0;
        for (int s = 1; s < 1 << ALL.length; s++) {
            KeyLayout source = new KeyLayout(fields(s));
            for (int t = 1; t < 1 << ALL.length; t++) {
                KeyLayout target = new KeyLayout(fields(t));
                assertEquals((s & t) == t, source.covers(target), fields(s) + " covers " + fields(t));
                if (!source.covers(target)) {
                    assertThrows(IllegalArgumentException.class, () -> new KeyProjection(source, target));
                    continue;
                }
                pairs++;
                KeyProjection projection = new KeyProjection(source, target);
                long[] sourceKey = new long[source.width()];
                long[] projected = new long[target.width()];
                long[] packed = new long[target.width()];
                for (int i = 0; i < batch.size(); i++) {
                    source.pack(batch, i, sourceKey);
                    long hash = projection.project(sourceKey, 0, projected);
                    assertEquals(target.pack(batch, i, packed), hash, fields(t) + " from " + fields(s));
                    assertArrayEquals(packed, projected, fields(t) + " from " + fields(s) + ", record " + i);
                    if (target.isDirect()) {
                        assertEquals(target.directValue(batch, i), target.directValue(sourceKey[source.width() - 1]),
                                fields(t) + " from " + fields(s) + ", record " + i);
                    }
                }
            }
        }
        assertEquals(211, pairs); // sum over the 31 field sets S of their 2^|S| - 1 non-empty subsets: 3^5 - 2^5
    }

    @Test
    void derivedRowsEqualRowsCountedFromThePacketsForEveryDefaultTask() {
        assertEquals(5, derivedRowsEqualCountedRows(ConfigLoader.loadDefault().tasks()));
    }

    @Test
    void derivedRowsEqualCountedRowsFromSourcesWhoseCompactKeysTakeOneOrTwoWords() {
        // Live: src (its IPv4 form one word), dst_proto and dst_dport (two words each).
        List<TaskSpec> tasks = List.of(
                task("src", KeyField.SRC_IP),
                task("src_again", KeyField.SRC_IP),
                task("dst_proto", KeyField.DST_IP, KeyField.PROTOCOL),
                task("proto", KeyField.PROTOCOL),
                task("dst_dport", KeyField.DST_PORT, KeyField.DST_IP),
                task("dport", KeyField.DST_PORT),
                task("dst", KeyField.DST_IP));
        List<StripedAggregator> plan = Derivation.aggregators(tasks);
        assertEquals(List.of(plan.get(0), plan.get(2), plan.get(4)), Derivation.live(plan));
        assertSame(plan.get(2), plan.get(6).source(), "dst: the first of two live covers of two fields");
        assertEquals(4, derivedRowsEqualCountedRows(tasks));
    }

    /**
     * Counts {@code tasks} once as planned (live tasks from packets, the others derived) and once each from the
     * packets, over mixed batches, and asserts every task's rows agree; returns the number of derived tasks.
     */
    private static int derivedRowsEqualCountedRows(List<TaskSpec> tasks) {
        List<StripedAggregator> planned = Derivation.aggregators(tasks);
        List<StripedAggregator> counted = tasks.stream().map(StripedAggregator::new).toList();
        SplittableRandom r = new SplittableRandom(5);
        StripedAggregator.BatchScratch scratch = new StripedAggregator.BatchScratch(0);
        BatchGroups groups = BatchGroups.forTasks(planned);
        for (int b = 0; b < 6; b++) {
            PacketBatch batch = records(r, 5_000);
            groups.group(batch);
            for (StripedAggregator a : Derivation.live(planned)) {
                a.addAll(batch, groups, scratch);
            }
            for (StripedAggregator a : counted) {
                a.addAll(batch, scratch);
            }
        }
        List<FlowRows> live = new ArrayList<>();
        for (StripedAggregator a : planned) {
            live.add(StripedAggregator.rows(a.task(), a.layout().width(), a.swap()));
        }
        int derived = 0;
        boolean untimed = false;
        for (int t = 0; t < tasks.size(); t++) {
            StripedAggregator a = planned.get(t);
            int width = a.layout().width();
            FlowRows want = StripedAggregator.rows(a.task(), width, counted.get(t).swap());
            FlowRows got = live.get(t);
            if (a.source() != null) {
                derived++;
                assertEquals(0, got.size(), "a derived task's own tables stay empty");
                FlowRows source = live.get(planned.indexOf(a.source()));
                got = Derivation.rows(a, source, FlowTable.forKey(a.layout(), 16), null);
            }
            assertTrue(want.size() > 0);
            assertEquals(RowMaps.of(want, width), RowMaps.of(got, width), a.task().name());
            for (int i = 0; i < got.size(); i++) {
                untimed |= got.first(i) == FlowTable.NO_FIRST && got.last(i) == Frame.NO_TIMESTAMP;
            }
        }
        assertTrue(untimed, "some key's records all lacked a timestamp");
        return derived;
    }

    @Test
    void eachCoveredTaskIsDerivedFromItsNarrowestLiveCover() {
        List<TaskSpec> tasks = List.of(
                task("src", KeyField.SRC_IP),
                task("src_sport", KeyField.SRC_IP, KeyField.SRC_PORT),
                task("dst_dport", KeyField.DST_IP, KeyField.DST_PORT),
                task("sport", KeyField.SRC_PORT),
                task("dport", KeyField.DST_PORT),
                task("src_sport_proto", KeyField.SRC_IP, KeyField.SRC_PORT, KeyField.PROTOCOL),
                task("dst_dport_again", KeyField.DST_PORT, KeyField.DST_IP),
                task("src_dst", KeyField.SRC_IP, KeyField.DST_IP));
        List<StripedAggregator> a = Derivation.aggregators(tasks);
        assertEquals(tasks.size(), a.size());
        for (int t = 0; t < tasks.size(); t++) {
            assertSame(tasks.get(t), a.get(t).task());
        }
        assertSame(a.get(7), a.get(0).source(), "src: src_dst has fewer fields than src_sport_proto");
        assertSame(a.get(5), a.get(1).source(), "src_sport: covered by src_sport_proto");
        assertNull(a.get(2).source(), "dst_dport: the first of two equal field sets");
        assertSame(a.get(5), a.get(3).source());
        assertSame(a.get(2), a.get(4).source());
        assertNull(a.get(5).source());
        assertSame(a.get(2), a.get(6).source(), "an equal field set in another order derives from the first");
        assertNull(a.get(7).source(), "no task covers src_dst");
        assertEquals(List.of(a.get(2), a.get(5), a.get(7)), Derivation.live(a));
    }

    @Test
    void theNarrowerOfTwoLiveCoversIsChosen() {
        List<TaskSpec> tasks = List.of(
                task("wide", KeyField.SRC_IP, KeyField.DST_IP, KeyField.SRC_PORT),
                task("narrow", KeyField.SRC_IP, KeyField.PROTOCOL),
                task("src", KeyField.SRC_IP));
        List<StripedAggregator> a = Derivation.aggregators(tasks);
        assertSame(a.get(1), a.get(2).source());
    }

    @Test
    void aDerivedAggregatorRefusesRecordsAndRowsOfAnotherTask() {
        List<StripedAggregator> a = Derivation.aggregators(List.of(task("five", TaskSpec.FIVE_TUPLE.toArray(
                KeyField[]::new)), task("dst", KeyField.DST_IP), task("other", KeyField.SRC_IP, KeyField.DST_IP)));
        StripedAggregator dst = a.get(1);
        PacketBatch batch = records(new SplittableRandom(1), 10);
        assertThrows(IllegalStateException.class, () -> dst.addAll(batch, new StripedAggregator.BatchScratch(0)));
        FlowRows otherRows = StripedAggregator.rows(a.get(2).task(), 5, a.get(2).swap());
        assertThrows(IllegalArgumentException.class,
                () -> Derivation.rows(dst, otherRows, FlowTable.forKey(dst.layout(), 0), null));
    }

    private static TaskSpec task(String name, KeyField... fields) {
        return new TaskSpec(name, List.of(fields));
    }

    private static List<KeyField> fields(int mask) {
        List<KeyField> out = new ArrayList<>();
        for (int f = 0; f < ALL.length; f++) {
            if ((mask & 1 << f) != 0) {
                out.add(ALL[f]);
            }
        }
        return out;
    }

    /**
     * Returns {@code n} records from a small space of keys (so keys repeat): IPv4 and IPv6 (some with the same low
     * bits as an IPv4 address, some with all the same words), several protocols and ports, some without a timestamp
     * (all of protocol 99's).
     */
    private static PacketBatch records(SplittableRandom r, int n) {
        PacketBatch batch = new PacketBatch(n);
        DecodedPacket p = new DecodedPacket();
        for (int i = 0; i < n; i++) {
            p.ipv6 = r.nextInt(4) == 0;
            p.srcHi = p.ipv6 ? 0x20010DB8L << 32 | r.nextInt(2) : 0;
            p.dstHi = p.ipv6 ? 0x20010DB8L << 32 : 0;
            p.srcLo = 0xC0A80000L | r.nextInt(40);
            p.dstLo = r.nextBoolean() ? 0xFFFFFFFFL : 0x0A000000L | r.nextInt(30);
            if (p.ipv6 && r.nextBoolean()) {
                p.srcHi = 0; // ::c0a8:xx, the same words as an IPv4 address but for the IPv6 bit
                p.dstHi = 0;
            }
            p.protocol = new int[] {6, 17, 1, 58, 99}[r.nextInt(5)];
            p.srcPort = r.nextInt(3) == 0 ? 0 : 1024 + r.nextInt(20);
            p.dstPort = new int[] {0, 53, 443, 65535}[r.nextInt(4)];
            // Protocol 99 never has a timestamp: its keys in by-protocol tasks have neither first nor last.
            long ts = p.protocol == 99 || r.nextInt(10) == 0 ? Frame.NO_TIMESTAMP : 1_000_000L * r.nextInt(1_000);
            batch.add(p, ts, 60 + r.nextInt(1_400));
        }
        return batch;
    }
}
