package io.netspectra.sketch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistinctCounterTest {

    private static long value(long i) {
        return ValueHash.hash(new long[] {i}, 0, 1);
    }

    @Test
    void countsExactlyUpToTheLimitIgnoringRepeats() {
        DistinctCounter c = new DistinctCounter(100, 12);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 100; i++) {
                c.add(value(i));
            }
        }
        assertEquals(Estimate.exact(100), c.estimate());
        assertFalse(c.sketched());
        assertEquals(5 + 8 * 100, c.bytes());
    }

    @ParameterizedTest
    @ValueSource(ints = {101, 5_000, 200_000, 2_000_000})
    void estimatesPastTheLimitLieWithinTheirBounds(int n) {
        DistinctCounter c = new DistinctCounter(100, 12);
        for (int i = 0; i < n; i++) {
            c.add(value(i));
            c.add(value(i));
        }
        Estimate e = c.estimate();
        assertTrue(c.sketched());
        assertFalse(e.exact());
        assertTrue(e.lower() <= n && n <= e.upper(), n + " outside " + e);
        assertTrue(Math.abs(e.estimate() - n) <= 0.05 * n, n + " vs " + e);
    }

    @Test
    void sketchMemoryStaysBoundedByLgK() {
        DistinctCounter c = new DistinctCounter(10, 10);
        for (int i = 0; i < 1_000_000; i++) {
            c.add(value(i));
        }
        // HLL_4: 2^10 / 2 register bytes, a 40-byte preamble, and a small exception table.
        assertTrue(c.bytes() <= 1 + 40 + 512 + 64, "stored " + c.bytes());
        assertTrue(c.heapBytes() <= 2 * 1024, "heap " + c.heapBytes());
    }

    @Test
    void mergingAnySplitInAnyOrderGivesWhatOneCounterFedEverythingGives() {
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            values.add(value(i % 20_000));
        }
        DistinctCounter whole = new DistinctCounter(500, 11);
        values.forEach(whole::add);
        Random random = new Random(7);
        for (int trial = 0; trial < 5; trial++) {
            Collections.shuffle(values, random);
            int parts = 1 + random.nextInt(40);
            List<DistinctCounter> pieces = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                pieces.add(new DistinctCounter(500, 11));
            }
            for (long v : values) {
                pieces.get(random.nextInt(parts)).add(v);
            }
            Collections.shuffle(pieces, random);
            DistinctCounter merged = new DistinctCounter(500, 11);
            pieces.forEach(merged::merge);
            assertEquals(whole.estimate(), merged.estimate(), "trial " + trial + ", " + parts + " parts");
            assertEquals(whole.bytes(), merged.bytes(), "stored size, trial " + trial);
        }
    }

    @Test
    void storedFormRoundTripsInBothModes() {
        for (int n : new int[] {0, 7, 50_000}) {
            DistinctCounter c = new DistinctCounter(1000, 12);
            for (int i = 0; i < n; i++) {
                c.add(value(i));
            }
            DistinctCounter back = DistinctCounter.fromBytes(c.toBytes(), 1000, 12);
            assertEquals(c.estimate(), back.estimate(), "n " + n);
        }
    }

    @Test
    void rejectsDamagedStoredForms() {
        assertThrows(IllegalArgumentException.class, () -> DistinctCounter.fromBytes(new byte[0], 10, 12));
        assertThrows(IllegalArgumentException.class, () -> DistinctCounter.fromBytes(new byte[] {7}, 10, 12));
        assertThrows(IllegalArgumentException.class,
                () -> DistinctCounter.fromBytes(new byte[] {0, 0, 0, 0, 3, 1, 2}, 10, 12));
        assertThrows(IllegalArgumentException.class,
                () -> DistinctCounter.fromBytes(new byte[] {1, 2, 3, 4, 5}, 10, 12));
    }
}
