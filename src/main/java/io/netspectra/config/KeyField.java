package io.netspectra.config;

/** The five-tuple fields a task can key on, with the names used in configs and reports. */
public enum KeyField {
    SRC_IP("SrcIP"),
    DST_IP("DstIP"),
    SRC_PORT("SrcPort"),
    DST_PORT("DstPort"),
    PROTOCOL("Protocol");

    private final String label;

    KeyField(String label) {
        this.label = label;
    }

    /** Returns the name used in configuration files and reports, e.g. {@code SrcIP}. */
    public String label() {
        return label;
    }

    /** Returns the field with this label, or null. */
    public static KeyField byLabel(String label) {
        for (KeyField f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        return null;
    }
}
