package io.netspectra.gen;

import java.util.Locale;

/**
 * The capture file formats the generator writes.
 */
public enum CaptureFormat {
    /** Classic pcap with the nanosecond magic 0xa1b23c4d, little-endian. */
    PCAP,
    /** pcapng with one Ethernet interface whose if_tsresol is 9 (nanoseconds), little-endian. */
    PCAPNG;

    /** Returns the name users type on the command line: {@code pcap} or {@code pcapng}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the format named {@code name} (case-insensitive), or throws IllegalArgumentException naming both. */
    public static CaptureFormat fromOptionName(String name) {
        for (CaptureFormat format : values()) {
            if (format.optionName().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "', expected pcap or pcapng");
    }
}
