package io.netspectra.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WindowNameTest {
    @Test
    void namesAWindowByItsUtcStartWithDashesForColonsAndTheFractionWithoutTrailingZeros() {
        assertEquals("1970-01-01T00-00-00Z", RunWriter.windowName(0));
        assertEquals("2024-03-01T12-00-00Z", RunWriter.windowName(1_709_294_400_000_000_000L));
        assertEquals("2024-03-01T12-00-00.5Z", RunWriter.windowName(1_709_294_400_500_000_000L));
        assertEquals("2024-03-01T12-00-00.000000123Z", RunWriter.windowName(1_709_294_400_000_000_123L));
        assertEquals("1969-12-31T23-59-59.999999999Z", RunWriter.windowName(-1));
    }

    @Test
    void namesEveryStartAsTheJdkFormatterWritesIt() {
        DateTimeFormatter seconds = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss").withZone(ZoneOffset.UTC);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            long start = r.nextLong();
            long s = Math.floorDiv(start, 1_000_000_000L);
            long nanos = Math.floorMod(start, 1_000_000_000L);
            if (i % 2 == 0) {
                nanos -= nanos % 1_000_000; // whole milliseconds, as most window starts are
                start = s * 1_000_000_000L + nanos;
            }
            String fraction = nanos == 0 ? "" : "." + String.format(Locale.ROOT, "%09d", nanos).replaceAll("0+$", "");
            assertEquals(seconds.format(Instant.ofEpochSecond(s)) + fraction + "Z", RunWriter.windowName(start),
                    Long.toString(start));
        }
    }
}
