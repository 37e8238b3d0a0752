package io.netspectra.config;

import java.util.List;
import java.util.Objects;

/**
 * One configured task: a name unique in its config, what it computes, and the fields of its key, in configured order.
 *
 * @param name        the task name, used in reports and snapshot folder names
 * @param keyFields   a non-empty list of distinct fields (for connections always the whole five-tuple, originator as
 *                    Src)
 * @param type        what the task computes
 * @param sketch      sketch options ({@code distinct:} and the sketch types' sizes); {@link SketchSpec#NONE} for none
 *                    (always for connections)
 * @param connections the timeouts of a {@link TaskType#CONNECTIONS} task; null for other types
 */
public record TaskSpec(String name, List<KeyField> keyFields, TaskType type, SketchSpec sketch,
        ConnectionOptions connections) {
    /** The key of every connections task: the five-tuple, originator as Src, responder as Dst. */
    public static final List<KeyField> FIVE_TUPLE = List.of(KeyField.SRC_IP, KeyField.DST_IP, KeyField.SRC_PORT,
            KeyField.DST_PORT, KeyField.PROTOCOL);

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
        if ((type == TaskType.CONNECTIONS) != (connections != null)) {
            throw new IllegalArgumentException("task " + name + ": connection options go with type connections only");
        }
        if (type == TaskType.CONNECTIONS && !sketch.equals(SketchSpec.NONE)) {
            throw new IllegalArgumentException("task " + name + ": sketch options do not apply to connections");
        }
    }

    /** A task of {@code type} other than connections, with these sketch options. */
    public TaskSpec(String name, List<KeyField> keyFields, TaskType type, SketchSpec sketch) {
        this(name, keyFields, type, sketch, null);
    }

    /** A task of {@code type} other than connections, with that type's default sketch options and no distinct counts. */
    public TaskSpec(String name, List<KeyField> keyFields, TaskType type) {
        this(name, keyFields, type, SketchSpec.defaults(type));
    }

    /** A {@link TaskType#FLOWS} task. */
    public TaskSpec(String name, List<KeyField> keyFields) {
        this(name, keyFields, TaskType.FLOWS, SketchSpec.NONE);
    }

    /** A {@link TaskType#CONNECTIONS} task keyed on the five-tuple. */
    public static TaskSpec connections(String name, ConnectionOptions options) {
        return new TaskSpec(name, FIVE_TUPLE, TaskType.CONNECTIONS, SketchSpec.NONE, options);
    }

    /**
     * Returns whether the task needs the sketch path: a sketch type, or a flows task with {@code distinct:}. Never
     * for connections, which have their own path.
     */
    public boolean sketched() {
        return type == TaskType.HEAVY_HITTERS || type == TaskType.CARDINALITY || !sketch.distinct().isEmpty();
    }

    /** Returns whether the key includes {@code field}. */
    public boolean has(KeyField field) {
        return keyFields.contains(field);
    }

    /**
     * Component-wise, as the record's own would be. Written out because the record's is linked by an invokedynamic
     * bootstrap on first use, which spun about twenty method-handle classes with the JDK's bytecode library on the
     * snapshot writer's thread at the first window cut, and made that library hot enough to be compiled in the middle
     * of a run: 7-10% of the 10M-packet benchmark's wall time (docs/performance.md, seventh pass).
     */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof TaskSpec t && Objects.equals(name, t.name) && keyFields.equals(t.keyFields)
                && type == t.type && sketch.equals(t.sketch) && Objects.equals(connections, t.connections);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, keyFields, type, sketch, connections);
    }
}
