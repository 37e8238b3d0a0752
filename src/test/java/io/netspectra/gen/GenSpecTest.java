package io.netspectra.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GenSpecTest {
    @Test
    void startsByDefaultAtNoonOnTheFirstOfMarch2024() {
        Instant start = Instant.parse(GenSpec.DEFAULT_START);

        assertEquals(start.getEpochSecond() * 1_000_000_000L, GenSpec.DEFAULT_START_NANOS);
    }

    @Test
    void rejectsFieldsOutOfRangeNamingTheField() {
        GenSpec d = GenSpec.defaults(10, 1);
        assertRejected("packets", () -> new GenSpec(-1, 1, d.format(), d.flows(), d.zipfExponent(),
                d.startNanos(), d.packetsPerSecond(), d.snaplen()));
        assertRejected("flows", () -> new GenSpec(10, 1, d.format(), 0, d.zipfExponent(), d.startNanos(),
                d.packetsPerSecond(), d.snaplen()));
        assertRejected("zipf", () -> new GenSpec(10, 1, d.format(), d.flows(), Double.NaN, d.startNanos(),
                d.packetsPerSecond(), d.snaplen()));
        assertRejected("rate", () -> new GenSpec(10, 1, d.format(), d.flows(), d.zipfExponent(), d.startNanos(),
                0, d.snaplen()));
        assertRejected("snaplen", () -> d.withSnaplen(0));
        assertRejected("snaplen", () -> d.withSnaplen(GenSpec.MAX_SNAPLEN + 1));
        assertRejected("format", () -> d.withFormat(null));
        assertRejected("2106", () -> new GenSpec(1_000_000_000L, 1, d.format(), d.flows(), d.zipfExponent(),
                d.startNanos(), 1, d.snaplen()));
    }

    private static void assertRejected(String field, Runnable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction::run);
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }
}
