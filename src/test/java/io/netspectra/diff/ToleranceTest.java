package io.netspectra.diff;

import io.netspectra.NetSpectraException.ConfigException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToleranceTest {

    @Test
    void comparesTheRelativeChangeAgainstTheLargerOfBaselineAndOne() {
        Tolerance five = Tolerance.parse("5%");
        assertEquals(0.05, five.fraction(), 1e-12);
        assertFalse(five.exceeded(100, 105));
        assertTrue(five.exceeded(100, 106));
        assertFalse(five.exceeded(100, 95));
        assertTrue(five.exceeded(100, 94));
        assertTrue(five.exceeded(0, 1), "from zero, any growth of 1 or more is 100% or more");
        assertFalse(Tolerance.parse("0.05").exceeded(1000, 1050));
        assertTrue(Tolerance.parse("0").exceeded(1000, 1001));
        assertFalse(Tolerance.parse("0").exceeded(7, 7));
    }

    @Test
    void rejectsNegativeOrNonNumericTolerances() {
        assertThrows(ConfigException.class, () -> Tolerance.parse("-1%"));
        assertThrows(ConfigException.class, () -> Tolerance.parse("five"));
        assertThrows(ConfigException.class, () -> Tolerance.parse("%"));
    }
}
