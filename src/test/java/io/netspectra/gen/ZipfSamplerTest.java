package io.netspectra.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ZipfSamplerTest {
    private static final int DRAWS = 200_000;

    @Test
    void drawsRanksInProportionToRankToTheMinusExponent() {
        int n = 1000;
        double exponent = 1.1;
        long[] counts = draw(n, exponent);

        double total = 0;
        for (int k = 1; k <= n; k++) {
            total += Math.pow(k, -exponent);
        }
        for (int k : new int[] {1, 2, 3, 10, 100}) {
            double expected = DRAWS * Math.pow(k, -exponent) / total;
            assertEquals(expected, counts[k], 5 * Math.sqrt(expected), "draws of rank " + k);
        }
    }

    @Test
    void drawsUniformlyAtExponentZero() {
        long[] counts = draw(10, 0.0);

        for (int k = 1; k <= 10; k++) {
            assertEquals(DRAWS / 10.0, counts[k], 5 * Math.sqrt(DRAWS / 10.0), "draws of rank " + k);
        }
    }

    @Test
    void drawsOnlyRankOneFromAPoolOfOne() {
        long[] counts = draw(1, 1.1);

        assertEquals(DRAWS, counts[1]);
    }

    private static long[] draw(int n, double exponent) {
        ZipfSampler sampler = new ZipfSampler(n, exponent);
        SplitMix64 rng = new SplitMix64(12345);
        long[] counts = new long[n + 1];
        for (int i = 0; i < DRAWS; i++) {
            int rank = sampler.sample(rng);
            assertTrue(rank >= 1 && rank <= n, "rank " + rank);
            counts[rank]++;
        }
        return counts;
    }
}
