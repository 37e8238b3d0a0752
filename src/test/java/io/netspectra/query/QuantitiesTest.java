package io.netspectra.query;

import io.netspectra.NetSpectraException.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QuantitiesTest {

    @ParameterizedTest
    @CsvSource({"1500, 1500", "1KB, 1000", "1kb, 1000", "1KiB, 1024", "1MB, 1000000", "1MiB, 1048576",
        "1GB, 1000000000", "1GiB, 1073741824", "1.5GB, 1500000000", "2TB, 2000000000000", "10B, 10", "1K, 1000"})
    void parsesDecimalAndBinarySizes(String text, long bytes) {
        assertEquals(bytes, Quantities.bytes("x", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "1XB", "MB", "1.5.5MB", "99999999PB"})
    void rejectsBadSizes(String text) {
        assertThrows(ConfigException.class, () -> Quantities.bytes("x", text));
    }

    @Test
    void parsesEpochAndIsoInstantsToNanoseconds() {
        assertEquals(1_709_294_400_000_000_000L, Instants.parseNanos("--from", "1709294400"));
        assertEquals(1_709_294_400_500_000_000L, Instants.parseNanos("--from", "1709294400.5"));
        assertEquals(1_709_294_400_000_000_929L, Instants.parseNanos("--from", "1709294400.000000929"));
        assertEquals(1_709_294_400_010_000_000L, Instants.parseNanos("--from", "2024-03-01T12:00:00.010Z"));
        assertEquals(1_709_294_400_000_000_000L, Instants.parseNanos("--from", "2024-03-01T13:00:00+01:00"));
        ConfigException e = assertThrows(ConfigException.class, () -> Instants.parseNanos("--to", "noon"));
        assertEquals("bad --to 'noon', expected epoch seconds such as 1709294400.000000000 or an ISO-8601 instant "
                + "such as 2024-03-01T12:00:00Z", e.getMessage());
    }

    @Test
    void parsesCountsAndDurations() {
        assertEquals(100, Quantities.count("x", "100"));
        assertEquals(1_500_000_000L, Quantities.nanos("x", "1s500ms"));
        assertThrows(ConfigException.class, () -> Quantities.count("x", "1e3"));
        assertThrows(ConfigException.class, () -> Quantities.nanos("x", "5 parsecs"));
    }
}
