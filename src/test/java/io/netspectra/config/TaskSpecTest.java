package io.netspectra.config;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class TaskSpecTest {
    private static final List<KeyField> SRC = List.of(KeyField.SRC_IP);

    @Test
    void specsWithEqualComponentsAreEqualAndHashAlike() {
        TaskSpec a = new TaskSpec("by_src", new ArrayList<>(SRC), TaskType.FLOWS,
                new SketchSpec(List.of(KeyField.DST_PORT), 50, 10, SketchSpec.DEFAULT_K, SketchSpec.Weight.BYTES));
        TaskSpec b = new TaskSpec("by_src", SRC, TaskType.FLOWS,
                new SketchSpec(List.of(KeyField.DST_PORT), 50, 10, SketchSpec.DEFAULT_K, SketchSpec.Weight.BYTES));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        TaskSpec c1 = TaskSpec.connections("conns", new ConnectionOptions(1, 2, 3, 4, 5));
        TaskSpec c2 = TaskSpec.connections("conns", new ConnectionOptions(1, 2, 3, 4, 5));
        assertEquals(c1, c2);
        assertEquals(c1.hashCode(), c2.hashCode());
    }

    @Test
    void specsDifferingInAnyOneComponentAreNotEqual() {
        TaskSpec base = new TaskSpec("t", SRC, TaskType.FLOWS, SketchSpec.NONE);
        assertNotEquals(base, new TaskSpec("u", SRC, TaskType.FLOWS, SketchSpec.NONE));
        assertNotEquals(base, new TaskSpec("t", List.of(KeyField.DST_IP), TaskType.FLOWS, SketchSpec.NONE));
        assertNotEquals(base, new TaskSpec("t", List.of(KeyField.SRC_IP, KeyField.DST_IP), TaskType.FLOWS,
                SketchSpec.NONE));
        assertNotEquals(base, new TaskSpec("t", SRC, TaskType.CARDINALITY, SketchSpec.NONE));
        assertNotEquals(base, new TaskSpec("t", SRC, TaskType.FLOWS,
                new SketchSpec(List.of(KeyField.DST_PORT), 50, 10, SketchSpec.DEFAULT_K, SketchSpec.Weight.BYTES)));
        assertNotEquals(TaskSpec.connections("c", new ConnectionOptions(1, 2, 3, 4, 5)),
                TaskSpec.connections("c", new ConnectionOptions(1, 2, 3, 4, 6)));
        assertNotEquals(base, null);
        assertNotEquals(base, "t");
    }
}
