package io.netspectra.config;

import java.util.List;

/**
 * One keyed aggregation: a name unique in its config and the fields of its key, in configured order.
 *
 * @param name      the task name, used in reports and snapshot folder names
 * @param keyFields a non-empty list of distinct fields
 */
public record TaskSpec(String name, List<KeyField> keyFields) {
    public TaskSpec {
        keyFields = List.copyOf(keyFields);
        if (keyFields.isEmpty()) {
            throw new IllegalArgumentException("task " + name + " has no key fields");
        }
    }

    /** Returns whether the key includes {@code field}. */
    public boolean has(KeyField field) {
        return keyFields.contains(field);
    }
}
