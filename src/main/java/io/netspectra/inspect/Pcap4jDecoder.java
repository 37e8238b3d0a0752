package io.netspectra.inspect;

import io.netspectra.capture.Frame;
import io.netspectra.decode.LinkTypes;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.factory.PacketFactories;
import org.pcap4j.packet.namednumber.DataLinkType;
import org.pcap4j.packet.namednumber.EtherType;

/**
 * Builds pcap4j packets from frames with the static packet factory. LINKTYPE_RAW (101), IPV4 (228) and IPV6 (229)
 * have no pcap4j data-link type, so their frames are handed to the EtherType factory by IP version.
 */
public final class Pcap4jDecoder {
    private Pcap4jDecoder() {
    }

    /** Returns the decoded packet, or null when pcap4j has no decoder for the link type. */
    public static Packet decode(Frame f) {
        return decode(f.bytes(), f.linkType);
    }

    /** Returns the decoded packet of {@code data}, or null when pcap4j has no decoder for the link type. */
    public static Packet decode(byte[] data, int linkType) {
        try {
            switch (linkType) {
                case LinkTypes.ETHERNET:
                    return factory(data, DataLinkType.EN10MB);
                case LinkTypes.LINUX_SLL:
                    return factory(data, DataLinkType.LINUX_SLL);
                case LinkTypes.NULL:
                    return factory(data, DataLinkType.NULL);
                case LinkTypes.RAW:
                case LinkTypes.IPV4:
                case LinkTypes.IPV6:
                    if (data.length == 0) {
                        return null;
                    }
                    int version = (data[0] & 0xFF) >>> 4;
                    EtherType type = version == 6 ? EtherType.IPV6 : EtherType.IPV4;
                    return PacketFactories.getFactory(Packet.class, EtherType.class)
                            .newInstance(data, 0, data.length, type);
                default:
                    return null;
            }
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Packet factory(byte[] data, DataLinkType dlt) {
        return PacketFactories.getFactory(Packet.class, DataLinkType.class).newInstance(data, 0, data.length, dlt);
    }
}
