package io.netspectra.report;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Numerals} against the JDK's own {@link java.util.Formatter}, the output it replaces. */
class NumeralsTest {
    @Test
    void groupedWritesWhatPercentCommaDWrites() {
        long[] edges = {0, 1, -1, 999, 1000, -1000, 999_999, 1_000_000, 12_345_678, Long.MAX_VALUE, Long.MIN_VALUE,
                Long.MIN_VALUE + 1};
        for (long n : edges) {
            assertEquals(String.format(Locale.ROOT, "%,d", n), Numerals.grouped(n), Long.toString(n));
        }
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            long n = r.nextLong() >> r.nextInt(64);
            assertEquals(String.format(Locale.ROOT, "%,d", n), Numerals.grouped(n), Long.toString(n));
        }
    }

    @Test
    void secondsWritesWhatPercentFWritesOfTheSameNanosIncludingHalfwayCases() {
        SplittableRandom r = new SplittableRandom(12);
        for (int decimals = 0; decimals <= 9; decimals++) {
            long unit = (long) Math.pow(10, 9 - decimals);
            for (int i = 0; i < 20_000; i++) {
                long n = r.nextLong(2_000_000_000_000_000L) - 1_000_000_000_000_000L;
                n >>= r.nextInt(50);
                check(n, decimals);
                // Exactly halfway between two printed values, and one nanosecond either side.
                long half = n - n % unit + unit / 2;
                check(half, decimals);
                check(half - 1, decimals);
                check(half + 1, decimals);
            }
        }
        long[] edges = {0, 1, -1, 499, 500, 501, -500, 999_999_999, 1_000_000_000, 100_007_455_063L,
                999_999_999_999_999L, -999_999_999_999_999L, 1_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long n : edges) {
            for (int decimals = 0; decimals <= 9; decimals++) {
                check(n, decimals);
            }
        }
    }

    @Test
    void durationIsSecondsToSixDecimalsWithTheUnit() {
        assertEquals("1.500000 s", Numerals.duration(1_500_000_000L));
        assertEquals("0.000001 s", Numerals.duration(500));
        assertEquals("100.007455 s", Numerals.duration(100_007_455_063L));
    }

    @Test
    void secondsRejectsMoreThanNineDecimals() {
        assertThrows(IllegalArgumentException.class, () -> Numerals.seconds(1, 10));
        assertThrows(IllegalArgumentException.class, () -> Numerals.seconds(1, -1));
    }

    private static void check(long nanos, int decimals) {
        assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", nanos / 1e9), Numerals.seconds(nanos, decimals),
                nanos + " ns at " + decimals + " decimals");
    }
}
