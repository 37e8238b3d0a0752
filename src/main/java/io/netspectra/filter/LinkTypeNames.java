package io.netspectra.filter;

import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * Maps the LINKTYPE_* numbers captures store to the DLT_* values libpcap compiles filters for. They are equal except
 * raw IP: LINKTYPE_RAW 101 is DLT_RAW, 12 on most systems (pcap4j's {@link DataLinkType#RAW} knows which).
 */
final class LinkTypeNames {
    static final int NULL = 0;
    static final int ETHERNET = 1;
    static final int RAW = 101;
    static final int LINUX_SLL = 113;
    static final int IPV4 = 228;
    static final int IPV6 = 229;
    static final int LINUX_SLL2 = 276;

    private LinkTypeNames() {
    }

    /** Returns the pcap4j link type libpcap compiles for, given a capture's LINKTYPE_* number. */
    static DataLinkType dataLinkType(int linkType) {
        return switch (linkType) {
            case NULL -> DataLinkType.NULL;
            case ETHERNET -> DataLinkType.EN10MB;
            case RAW -> DataLinkType.RAW;
            case LINUX_SLL -> DataLinkType.LINUX_SLL;
            case IPV4 -> known(IPV4, "IPv4");
            case IPV6 -> known(IPV6, "IPv6");
            case LINUX_SLL2 -> known(LINUX_SLL2, "Linux cooked v2");
            default -> known(linkType, "link type " + linkType);
        };
    }

    /** Returns a link type's number and name for messages. */
    static String describe(int linkType) {
        return switch (linkType) {
            case NULL -> "0 (BSD loopback)";
            case ETHERNET -> "1 (Ethernet)";
            case RAW -> "101 (raw IP)";
            case LINUX_SLL -> "113 (Linux cooked)";
            case IPV4 -> "228 (IPv4)";
            case IPV6 -> "229 (IPv6)";
            case LINUX_SLL2 -> "276 (Linux cooked v2)";
            default -> String.valueOf(linkType);
        };
    }

    /** Returns a pcap4j link type for {@code value}; libpcap only needs the number, pcap4j need not know it. */
    private static DataLinkType known(int value, String name) {
        return new DataLinkType(value, name);
    }
}
