package io.netspectra.config;

import java.util.List;

/**
 * One configured task: a name unique in its config, what it computes, and the fields of its key, in configured order.
 *
 * @param name      the task name, used in reports and snapshot folder names
 * @param keyFields a non-empty list of distinct fields
 * @param type      what the task computes
 */
public record TaskSpec(String name, List<KeyField> keyFields, TaskType type) {
    public TaskSpec {
        keyFields = List.copyOf(keyFields);
        if (keyFields.isEmpty()) {
            throw new IllegalArgumentException("task " + name + " has no key fields");
        }
        if (type == null) {
            throw new IllegalArgumentException("task " + name + " has no type");
        }
    }

    /** A {@link TaskType#FLOWS} task. */
    public TaskSpec(String name, List<KeyField> keyFields) {
        this(name, keyFields, TaskType.FLOWS);
    }

    /** Returns whether the key includes {@code field}. */
    public boolean has(KeyField field) {
        return keyFields.contains(field);
    }
}
