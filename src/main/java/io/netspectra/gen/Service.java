package io.netspectra.gen;

/**
 * The services a flow can reach: IP protocol, server port (0 where the protocol has no ports), traffic profile and
 * the share of IP flows that use it. The shares give 60% TCP, 33% UDP, 4% ICMP echo and 3% GRE or ESP, and add up
 * to 1.
 */
enum Service {
    HTTPS(Service.TCP, 443, TrafficProfile.WEB, 0.300),
    HTTP(Service.TCP, 80, TrafficProfile.WEB, 0.102),
    HTTP_ALT(Service.TCP, 8080, TrafficProfile.WEB, 0.024),
    HTTPS_ALT(Service.TCP, 8443, TrafficProfile.WEB, 0.024),
    SSH(Service.TCP, 22, TrafficProfile.INTERACTIVE, 0.048),
    SMTP(Service.TCP, 25, TrafficProfile.UPLOAD, 0.030),
    MYSQL(Service.TCP, 3306, TrafficProfile.QUERY, 0.030),
    POSTGRES(Service.TCP, 5432, TrafficProfile.QUERY, 0.024),
    REDIS(Service.TCP, 6379, TrafficProfile.QUERY, 0.018),

    DNS(Service.UDP, 53, TrafficProfile.LOOKUP, 0.1815),
    QUIC(Service.UDP, 443, TrafficProfile.DATAGRAM_STREAM, 0.099),
    NTP(Service.UDP, 123, TrafficProfile.TIME, 0.0264),
    SYSLOG(Service.UDP, 514, TrafficProfile.LOG, 0.0132),
    SNMP(Service.UDP, 161, TrafficProfile.LOOKUP, 0.0099),

    /** ICMP echo over IPv4; {@link #protocol(boolean)} gives ICMPv6 over IPv6. */
    PING(Service.ICMP, 0, TrafficProfile.ECHO, 0.04),

    GRE(Service.GRE_PROTOCOL, 0, TrafficProfile.TUNNEL, 0.015),
    ESP(Service.ESP_PROTOCOL, 0, TrafficProfile.TUNNEL, 0.015);

    static final int ICMP = 1;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int GRE_PROTOCOL = 47;
    static final int ESP_PROTOCOL = 50;
    static final int ICMPV6 = 58;

    private final int protocol;
    private final int port;
    private final TrafficProfile profile;
    private final double share;

    Service(int protocol, int port, TrafficProfile profile, double share) {
        this.protocol = protocol;
        this.port = port;
        this.profile = profile;
        this.share = share;
    }

    /** Returns the IP protocol number, ICMPv6 in place of ICMP over IPv6. */
    int protocol(boolean ipv6) {
        return ipv6 && protocol == ICMP ? ICMPV6 : protocol;
    }

    /** Returns the server port, 0 for protocols without ports. */
    int port() {
        return port;
    }

    TrafficProfile profile() {
        return profile;
    }

    /** Returns the share of IP flows that use this service. */
    double share() {
        return share;
    }
}
