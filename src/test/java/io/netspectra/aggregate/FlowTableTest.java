package io.netspectra.aggregate;

import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowTableTest {
    private static final TaskSpec TWO_WORDS = new TaskSpec("t", List.of(KeyField.SRC_IP, KeyField.DST_IP));

    private static FlowRows rows(FlowTable table) {
        FlowRows.Builder b = new FlowRows.Builder(TWO_WORDS, table.width(), table.size(), null);
        table.copyTo(b);
        return b.build();
    }

    @Test
    void keysWhoseHashesShareTheirLow32BitsStayApart() {
        // Such keys fall in the same slot with the same tag at every index size, so only comparing the keys
        // themselves tells them apart. Among 300,000 keys about 10 pairs share those bits (birthday bound).
        Map<Integer, Long> seen = new HashMap<>();
        Map<Long, long[]> colliding = new TreeMap<>();
        for (long k = 0; k < 300_000; k++) {
            long[] key = {k, k * 31};
            Long before = seen.putIfAbsent((int) KeyLayout.hash(key, 0, 2), k);
            if (before != null) {
                colliding.put(before, new long[] {before, before * 31});
                colliding.put(k, key);
            }
        }
        assertTrue(colliding.size() >= 8, "found " + colliding.size() + " keys");
        FlowTable table = new FlowTable(2);
        for (int round = 0; round < 3; round++) {
            for (long[] key : colliding.values()) {
                table.merge(key, 0, KeyLayout.hash(key, 0, 2), 1, key[0], 1_000 + round, 1_000 + round);
            }
        }
        assertEquals(colliding.size(), table.size());
        Map<List<Long>, List<Long>> got = RowMaps.of(rows(table), 2);
        for (long[] key : colliding.values()) {
            assertEquals(List.of(3L, 3 * key[0], 1_000L, 1_002L), got.get(List.of(key[0], key[1])), "key " + key[0]);
        }
    }

    @Test
    void touchingKeysPresentAbsentOrInAnEmptyTableChangesNothing() {
        FlowTable empty = new FlowTable(2);
        long[] hashes = new long[2_000];
        int[] order = new int[hashes.length];
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = random.nextLong();   // any slot, any tag: empty slots, other keys' slots, past every entry
            order[i] = hashes.length - 1 - i;
        }
        empty.touch(hashes, order, 0, hashes.length);
        assertEquals(0, empty.size());

        FlowTable table = new FlowTable(2);
        long[] key = new long[2];
        for (long k = 0; k < 1_500; k++) {   // two pages, and the index grown several times
            key[0] = k;
            key[1] = ~k;
            table.merge(key, 0, KeyLayout.hash(key, 0, 2), 1, 100 + k, k, k);
            if (k < hashes.length / 2) {
                hashes[(int) k] = KeyLayout.hash(key, 0, 2);
            }
        }
        Map<List<Long>, List<Long>> before = RowMaps.of(rows(table), 2);
        table.touch(hashes, order, 0, hashes.length);
        table.touch(hashes, order, 500, 700);
        assertEquals(1_500, table.size());
        assertEquals(before, RowMaps.of(rows(table), 2));
    }

    @Test
    void everyKeySurvivesManyGrowthsOfIndexAndEntries() {
        SplittableRandom random = new SplittableRandom(7);
        FlowTable table = new FlowTable(2);
        Map<List<Long>, long[]> expected = new HashMap<>();
        long[] key = new long[2];
        for (int i = 0; i < 300_000; i++) {
            // About 100,000 distinct keys, each seen about three times, in random order.
            key[0] = random.nextInt(100_000);
            key[1] = key[0] * 31;
            long ts = random.nextLong(1_000_000_000L);
            int bytes = 40 + random.nextInt(1_460);
            table.add(key, KeyLayout.hash(key, 0, 2), bytes, ts);
            long[] e = expected.computeIfAbsent(List.of(key[0], key[1]),
                    k -> new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
            e[0]++;
            e[1] += bytes;
            e[2] = Math.min(e[2], ts);
            e[3] = Math.max(e[3], ts);
        }
        assertEquals(expected.size(), table.size());
        Map<List<Long>, List<Long>> got = RowMaps.of(rows(table), 2);
        assertEquals(expected.size(), got.size());
        expected.forEach((k, e) -> assertEquals(List.of(e[0], e[1], e[2], e[3]), got.get(k), "key " + k));
    }

    @Test
    void aNewTableHoldsNoMemoryIsWorthReusingAndTwoNewTablesStayApartAfterTheirFirstKeys() {
        FlowTable a = new FlowTable(2);
        FlowTable b = new FlowTable(2, 1_000);
        assertEquals(0, a.heapBytes());
        assertTrue(a.worthReusing(), "nothing to clear");
        a.clear();
        assertEquals(0, a.size());
        long[] k1 = {1, 2};
        long[] k2 = {3, 4};
        a.add(k1, KeyLayout.hash(k1, 0, 2), 100, 5);
        b.add(k2, KeyLayout.hash(k2, 0, 2), 200, 6);
        b.add(k1, KeyLayout.hash(k1, 0, 2), 300, 7);
        assertEquals(1, a.size());
        assertEquals(2, b.size());
        assertTrue(a.heapBytes() > 0);
        FlowRows.Builder rows = new FlowRows.Builder(new TaskSpec("t", List.of(KeyField.SRC_IP)), 2, 1);
        a.copyTo(rows);
        FlowRows r = rows.build();
        assertEquals(List.of(1L, 2L, 1L, 100L, 5L, 5L),
                List.of(r.keyWord(0, 0), r.keyWord(0, 1), r.packets(0), r.bytes(0), r.first(0), r.last(0)));
        FlowTable c = new FlowTable(2);
        assertEquals(0, c.heapBytes(), "a third new table still starts empty");
        c.add(k2, KeyLayout.hash(k2, 0, 2), 1, 1);
        assertEquals(1, c.size());
    }

    @Test
    void aClearedTableForgetsItsKeysAndCountsAfreshWhenReused() {
        FlowTable table = new FlowTable(2);
        for (long k = 0; k < 1_000; k++) {
            long[] key = {k, k};
            table.add(key, KeyLayout.hash(key, 0, 2), 100, 5);
        }
        long heap = table.heapBytes();
        table.clear();
        assertEquals(0, table.size());
        assertEquals(0, rows(table).size());
        long[] key = {7, 7};
        table.add(key, KeyLayout.hash(key, 0, 2), 60, 9);
        assertEquals(Map.of(List.of(7L, 7L), List.of(1L, 60L, 9L, 9L)), RowMaps.of(rows(table), 2));
        assertEquals(heap, table.heapBytes(), "capacity kept for reuse");
    }

    @Test
    void aKeyCostsItsEntryAndIndexSlotsPlusAtMostOnePageOfRoom() {
        // The first page doubles, then whole pages are added; the index is 3/8 to 3/4 full. So a 2-word key with its
        // 4 statistics (48 bytes) costs at most 48 * 2 + 4 * 8/3 = 106.7 bytes in a one-page table, and at most
        // 48 * (1 + 1/pages) + 4 * 8/3 past that: 61.7 from 16 pages up.
        FlowTable table = new FlowTable(2);
        long[] key = new long[2];
        double worstOnePage = 0;
        double worstLarge = 0;
        for (int k = 1; k <= 200_000; k++) {
            key[0] = k;
            table.add(key, KeyLayout.hash(key, 0, 2), 1, 1);
            double perKey = (double) table.heapBytes() / table.size();
            if (k >= 100 && k <= FlowTable.PAGE_ENTRIES) {
                worstOnePage = Math.max(worstOnePage, perKey);
            }
            if (k >= 16 * FlowTable.PAGE_ENTRIES) {
                worstLarge = Math.max(worstLarge, perKey);
            }
        }
        assertTrue(worstOnePage <= 48 * 2 + 4 * 8 / 3.0, "one page: worst " + worstOnePage + " bytes per key");
        assertTrue(worstLarge <= 48 * 17 / 16.0 + 4 * 8 / 3.0, "16 pages and up: worst " + worstLarge);
        assertTrue(worstLarge > 48, "an entry alone takes 48 bytes, got " + worstLarge);
    }

    @Test
    void aTableOfManyPagesKeepsEveryKeyAcrossPageBoundariesAndIndexGrowth() {
        FlowTable table = new FlowTable(2);
        int keys = 5 * FlowTable.PAGE_ENTRIES + 17;
        long[] key = new long[2];
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < keys; k++) {
                key[0] = k;
                key[1] = -k;
                table.add(key, KeyLayout.hash(key, 0, 2), k + 1, 1_000 + k + round);
            }
        }
        assertEquals(keys, table.size());
        FlowRows r = rows(table);
        for (int i = 0; i < r.size(); i++) {
            long k = r.keyWord(i, 0);
            assertEquals(i, k, "rows come in insertion order");
            assertEquals(-k, r.keyWord(i, 1));
            assertEquals(List.of(2L, 2 * (k + 1), 1_000 + k, 1_001 + k),
                    List.of(r.packets(i), r.bytes(i), r.first(i), r.last(i)));
        }
    }

    @Test
    void presizesBeyondTheKeyLimitAreClampedAndAllocateNothingBeforeTheFirstKey() {
        // Nothing is allocated before the first key: these only must not throw or size a negative index.
        for (int expected : new int[] {FlowTable.MAX_ENTRIES, FlowTable.MAX_ENTRIES + 1, Integer.MAX_VALUE, -1}) {
            FlowTable t = new FlowTable(5, expected);
            assertEquals(0, t.heapBytes());
            assertEquals(0, t.size());
        }
    }

    @Test
    void aPresizedTableSizesItsIndexOnceAndThenOnlyAddsPages() {
        // 10,000 keys at most 3/4 full: an index of 16,384 slots from the first key on, never rebuilt; the entries
        // (48 bytes each) come a page at a time, none copied.
        FlowTable table = new FlowTable(2, 10_000);
        long[] key = new long[2];
        key[0] = 1;
        table.add(key, KeyLayout.hash(key, 0, 2), 1, 1);
        long index = 4L * 16_384;
        long page = 48L * FlowTable.PAGE_ENTRIES;
        assertEquals(index + page, table.heapBytes());
        for (int k = 2; k <= 10_000; k++) {
            key[0] = k;
            table.add(key, KeyLayout.hash(key, 0, 2), 1, 1);
        }
        assertEquals(10_000, table.size());
        int pages = (10_000 + FlowTable.PAGE_ENTRIES - 1) / FlowTable.PAGE_ENTRIES;
        assertEquals(index + pages * page, table.heapBytes());
    }
}
