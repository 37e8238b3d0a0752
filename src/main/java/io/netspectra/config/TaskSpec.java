package io.netspectra.config;

import java.util.List;

/**
 * One configured task: a name unique in its config, what it computes, and the fields of its key, in configured order.
 *
 * @param name      the task name, used in reports and snapshot folder names
 * @param keyFields a non-empty list of distinct fields
 * @param type      what the task computes
 * @param sketch    sketch options ({@code distinct:} and the sketch types' sizes); {@link SketchSpec#NONE} for none
 */
public record TaskSpec(String name, List<KeyField> keyFields, TaskType type, SketchSpec sketch) {
    public TaskSpec {
        keyFields = List.copyOf(keyFields);
        if (keyFields.isEmpty()) {
            throw new IllegalArgumentException("task " + name + " has no key fields");
        }
        if (type == null) {
            throw new IllegalArgumentException("task " + name + " has no type");
        }
        if (sketch == null) {
            throw new IllegalArgumentException("task " + name + " has no sketch options");
        }
    }

    /** A task of {@code type} with that type's default sketch options and no distinct counts. */
    public TaskSpec(String name, List<KeyField> keyFields, TaskType type) {
        this(name, keyFields, type, SketchSpec.defaults(type));
    }

    /** A {@link TaskType#FLOWS} task. */
    public TaskSpec(String name, List<KeyField> keyFields) {
        this(name, keyFields, TaskType.FLOWS, SketchSpec.NONE);
    }

    /** Returns whether the task needs the sketch path: a sketch type, or a flows task with {@code distinct:}. */
    public boolean sketched() {
        return type != TaskType.FLOWS || !sketch.distinct().isEmpty();
    }

    /** Returns whether the key includes {@code field}. */
    public boolean has(KeyField field) {
        return keyFields.contains(field);
    }
}
