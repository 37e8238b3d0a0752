package io.netspectra.gen;

/**
 * Writes Ethernet II headers, optionally with one 802.1Q tag or a QinQ pair (802.1ad, then 802.1Q), and ARP bodies.
 *
 * <pre>
 * Ethernet II, as captured (no preamble, no FCS); each tag adds 4 bytes before the EtherType:
 * +----------------+----------------+ +--------+--------+ +-----------+
 * | destination  6 | source       6 | | TPID 2 | TCI  2 | | EtherType |  TCI = PCP(3) DEI(1) VLAN id(12)
 * +----------------+----------------+ +--------+--------+ +-----------+
 *
 * ARP for IPv4 over Ethernet (28 bytes):
 * +-------------+-------------+------+------+-----------+
 * | HTYPE 1   2 | PTYPE 0800 2| HLEN | PLEN | OPER    2 |
 * +-------------+-------------+------+------+-----------+
 * | sender MAC 6              | sender IPv4 4           |
 * | target MAC 6              | target IPv4 4           |
 * +---------------------------+-------------------------+
 * </pre>
 */
final class LinkHeaders {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_ARP = 0x0806;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int TPID_8021Q = 0x8100;
    static final int TPID_8021AD = 0x88a8;

    static final int MAC_SIZE = 6;
    static final int DESTINATION_OFFSET = 0;
    static final int SOURCE_OFFSET = DESTINATION_OFFSET + MAC_SIZE;
    static final int FIRST_TYPE_OFFSET = SOURCE_OFFSET + MAC_SIZE;
    static final int TYPE_SIZE = 2;
    static final int TCI_SIZE = 2;
    static final int TAG_SIZE = TYPE_SIZE + TCI_SIZE;
    static final int UNTAGGED_HEADER = FIRST_TYPE_OFFSET + TYPE_SIZE;
    static final int MAX_HEADER = UNTAGGED_HEADER + 2 * TAG_SIZE;

    static final int ARP_HTYPE_OFFSET = 0;
    static final int ARP_PTYPE_OFFSET = ARP_HTYPE_OFFSET + 2;
    static final int ARP_HLEN_OFFSET = ARP_PTYPE_OFFSET + 2;
    static final int ARP_PLEN_OFFSET = ARP_HLEN_OFFSET + 1;
    static final int ARP_OPER_OFFSET = ARP_PLEN_OFFSET + 1;
    static final int ARP_SENDER_MAC_OFFSET = ARP_OPER_OFFSET + 2;
    static final int ARP_SENDER_IP_OFFSET = ARP_SENDER_MAC_OFFSET + MAC_SIZE;
    static final int ARP_TARGET_MAC_OFFSET = ARP_SENDER_IP_OFFSET + 4;
    static final int ARP_TARGET_IP_OFFSET = ARP_TARGET_MAC_OFFSET + MAC_SIZE;
    static final int ARP_SIZE = ARP_TARGET_IP_OFFSET + 4;
    static final int ARP_REQUEST = 1;
    static final int ARP_REPLY = 2;
    static final long BROADCAST_MAC = 0xffffffffffffL;

    private LinkHeaders() {
    }

    /**
     * Writes an Ethernet header at offset 0 with {@code tags} VLAN tags (0, 1 or 2; with 2 the outer one is 802.1ad)
     * and returns the offset of the payload.
     */
    static int writeEthernet(byte[] b, long destination, long source, int tags, int outerVlan, int innerVlan,
            int etherType) {
        BigEndian.put48(b, DESTINATION_OFFSET, destination);
        BigEndian.put48(b, SOURCE_OFFSET, source);
        int off = FIRST_TYPE_OFFSET;
        if (tags == 2) {
            BigEndian.put16(b, off, TPID_8021AD);
            BigEndian.put16(b, off + TYPE_SIZE, outerVlan);
            off += TAG_SIZE;
        }
        if (tags >= 1) {
            BigEndian.put16(b, off, TPID_8021Q);
            BigEndian.put16(b, off + TYPE_SIZE, innerVlan);
            off += TAG_SIZE;
        }
        BigEndian.put16(b, off, etherType);
        return off + TYPE_SIZE;
    }

    /** Writes an ARP body at {@code off} and returns the offset after it. */
    static int writeArp(byte[] b, int off, int operation, long senderMac, int senderIp, long targetMac, int targetIp) {
        BigEndian.put16(b, off + ARP_HTYPE_OFFSET, 1);
        BigEndian.put16(b, off + ARP_PTYPE_OFFSET, ETHERTYPE_IPV4);
        b[off + ARP_HLEN_OFFSET] = MAC_SIZE;
        b[off + ARP_PLEN_OFFSET] = 4;
        BigEndian.put16(b, off + ARP_OPER_OFFSET, operation);
        BigEndian.put48(b, off + ARP_SENDER_MAC_OFFSET, senderMac);
        BigEndian.put32(b, off + ARP_SENDER_IP_OFFSET, senderIp);
        BigEndian.put48(b, off + ARP_TARGET_MAC_OFFSET, targetMac);
        BigEndian.put32(b, off + ARP_TARGET_IP_OFFSET, targetIp);
        return off + ARP_SIZE;
    }
}
