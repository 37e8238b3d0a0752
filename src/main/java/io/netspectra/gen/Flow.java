package io.netspectra.gen;

/**
 * The fields of one flow of the pool, as {@link FlowPool#describe} fills them for the packet being written. One
 * instance is reused for every packet so that the hot path allocates nothing; it never leaves the generator's thread.
 */
final class Flow {
    boolean ipv6;
    Service service;
    /** The IP protocol number (ICMPv6 for ping over IPv6). */
    int protocol;
    /** 0 for an untagged frame, 1 for 802.1Q, 2 for QinQ (802.1ad then 802.1Q). */
    int vlanTags;
    /** The 802.1ad service VLAN, used where {@link #vlanTags} is 2. */
    int outerVlanId;
    /** The 802.1Q VLAN, used where {@link #vlanTags} is 1 or 2. */
    int innerVlanId;
    int clientIpv4;
    int serverIpv4;
    final byte[] clientIpv6 = new byte[16];
    final byte[] serverIpv6 = new byte[16];
    /** The client's ephemeral port, 1024 to 65535; unused by protocols without ports. */
    int clientPort;
    /** The service port; unused by protocols without ports. */
    int serverPort;
    /** The client's MAC address in the low 48 bits. */
    long clientMac;
    /** The MAC address on the server's side (the server or the gateway) in the low 48 bits. */
    long serverMac;
    int clientTtl;
    int serverTtl;
    /** The IPv6 flow label, 20 bits. */
    int flowLabel;
    /** The ICMP echo identifier, ESP SPI or GRE key material of the flow. */
    int sessionId;
    int clientIsn;
    int serverIsn;
}
