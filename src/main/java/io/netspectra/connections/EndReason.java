package io.netspectra.connections;

import java.util.Locale;

/** Why a connection record ended. */
public enum EndReason {
    /** No packet for longer than the protocol's idle timeout; ends at its last packet. */
    IDLE,
    /** Older than the active timeout; the next packet of the five-tuple starts a new record (same originator). */
    ACTIVE,
    /** TCP FIN seen from both sides, then the grace period passed. */
    FIN,
    /** TCP RST seen, then the grace period passed. */
    RST,
    /** Still open at the end of the input. */
    END;

    /** Returns the name used in reports and {@code --where}: idle, active, fin, rst, end. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the reason named {@code text} (case-insensitive), or null. */
    public static EndReason byLabel(String text) {
        for (EndReason r : values()) {
            if (r.label().equalsIgnoreCase(text)) {
                return r;
            }
        }
        return null;
    }
}
