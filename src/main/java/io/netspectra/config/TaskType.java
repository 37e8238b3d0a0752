package io.netspectra.config;

/**
 * What a task computes, chosen by its {@code type:} in the config. Each type names the package that implements it.
 */
public enum TaskType {
    /** Exact per-key packets, bytes, first and last per window ({@code aggregate}): the default. */
    FLOWS("flows"),
    /** The top K keys by packets or bytes, from a frequent-items sketch with error bounds ({@code sketch}). */
    HEAVY_HITTERS("heavy_hitters"),
    /** The number of distinct keys per window, exact while small, then HyperLogLog ({@code sketch}). */
    CARDINALITY("cardinality"),
    /**
     * Bidirectional connections keyed by the five-tuple in either direction, ended by timeouts, TCP FIN/RST or the
     * end of input ({@code connections}).
     */
    CONNECTIONS("connections");

    private final String label;

    TaskType(String label) {
        this.label = label;
    }

    /** Returns the name used in configuration files, e.g. {@code flows}. */
    public String label() {
        return label;
    }

    /** Returns the type with this label, or null. */
    public static TaskType byLabel(String label) {
        for (TaskType t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        return null;
    }

    /** Returns every label, comma-separated, for error messages and help. */
    public static String labels() {
        StringBuilder sb = new StringBuilder();
        for (TaskType t : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(t.label);
        }
        return sb.toString();
    }
}
