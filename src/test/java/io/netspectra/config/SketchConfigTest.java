package io.netspectra.config;

import io.netspectra.NetSpectraException.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SketchConfigTest {

    private static TaskSpec onlyTask(String task) {
        return ConfigLoader.parse("c.yaml", "aggregator:\n  tasks:\n" + task).tasks().get(0);
    }

    private static void assertError(String expected, String task) {
        ConfigException e = assertThrows(ConfigException.class, () -> onlyTask(task));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void readsDistinctOptionsOfAFlowsTask() {
        TaskSpec t = onlyTask("""
                    - name: scanners
                      key_fields: [SrcIP]
                      distinct: [DstIP, DstPort]
                      exact_limit: 50
                      lg_k: 10
                """);
        assertEquals(TaskType.FLOWS, t.type());
        assertTrue(t.sketched());
        assertEquals(new SketchSpec(List.of(KeyField.DST_IP, KeyField.DST_PORT), 50, 10, SketchSpec.DEFAULT_K,
                SketchSpec.Weight.BYTES), t.sketch());
        assertEquals("distinct_DstIP_DstPort", t.sketch().distinctMetric());
    }

    @Test
    void plainFlowsTaskHasNoSketch() {
        TaskSpec t = onlyTask("    - name: a\n      key_fields: [SrcIP]\n");
        assertFalse(t.sketched());
        assertEquals(SketchSpec.NONE, t.sketch());
    }

    @Test
    void heavyHittersTakeDefaultsAndOptions() {
        TaskSpec d = onlyTask("    - name: hh\n      type: heavy_hitters\n      key_fields: [SrcIP, DstIP]\n");
        assertEquals(new SketchSpec(List.of(), SketchSpec.DEFAULT_EXACT_LIMIT, 10, 10, SketchSpec.Weight.BYTES),
                d.sketch());
        TaskSpec t = onlyTask("""
                    - name: hh
                      type: heavy_hitters
                      key_fields: [DstIP]
                      k: 20
                      lg_k: 12
                      weight: packets
                """);
        assertEquals(TaskType.HEAVY_HITTERS, t.type());
        assertEquals(20, t.sketch().k());
        assertEquals(12, t.sketch().lgK());
        assertEquals(SketchSpec.Weight.PACKETS, t.sketch().weight());
    }

    @Test
    void cardinalityTakesExactLimitAndLgK() {
        TaskSpec t = onlyTask("    - name: c\n      type: cardinality\n      key_fields: [DstIP]\n"
                + "      exact_limit: 0\n      lg_k: 21\n");
        assertEquals(TaskType.CARDINALITY, t.type());
        assertEquals(0, t.sketch().exactLimit());
        assertEquals(21, t.sketch().lgK());
    }

    @Test
    void rejectsDistinctOnAHeavyHittersTaskWithItsLine() {
        assertError("c.yaml:6: option 'distinct' does not apply to task 'hh' of type heavy_hitters", """
                    - name: hh
                      type: heavy_hitters
                      key_fields: [SrcIP]
                      distinct: [DstIP]
                """);
    }

    @Test
    void rejectsKOnAFlowsTask() {
        assertError("c.yaml:5: option 'k' does not apply to task 'a' of type flows",
                "    - name: a\n      key_fields: [SrcIP]\n      k: 5\n");
    }

    @Test
    void rejectsLgKOutOfRange() {
        assertError("c.yaml:6: bad lg_k '22', expected a whole number from 4 to 21",
                "    - name: c\n      type: cardinality\n      key_fields: [DstIP]\n      lg_k: 22\n");
        assertError("c.yaml:6: bad lg_k 'many', expected a whole number from 3 to 20",
                "    - name: h\n      type: heavy_hitters\n      key_fields: [DstIP]\n      lg_k: many\n");
    }

    @Test
    void rejectsADistinctFieldThatIsPartOfTheKey() {
        assertError("c.yaml:5: distinct field 'SrcIP' is part of the key of task 'a', so it has one value per key",
                "    - name: a\n      key_fields: [SrcIP]\n      distinct: [SrcIP]\n");
    }

    @Test
    void rejectsMoreTopKeysThanTheMapTracks() {
        assertError("c.yaml:6: k 10 is more than the 6 keys a frequent-items map of 2^3 tracks; raise lg_k",
                "    - name: h\n      type: heavy_hitters\n      key_fields: [DstIP]\n      lg_k: 3\n");
    }

    @Test
    void rejectsAnUnknownWeight() {
        assertError("c.yaml:6: bad weight 'flows', expected bytes or packets",
                "    - name: h\n      type: heavy_hitters\n      key_fields: [DstIP]\n      weight: flows\n");
    }

    @Test
    void rejectsSketchSizesOnAFlowsTaskWithoutDistinct() {
        assertError("c.yaml:5: option 'lg_k' needs 'distinct' on task 'a'",
                "    - name: a\n      key_fields: [SrcIP]\n      lg_k: 10\n");
    }
}
