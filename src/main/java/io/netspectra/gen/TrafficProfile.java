package io.netspectra.gen;

/**
 * How a kind of flow sizes its packets: the share of packets the server sends, and for each direction a mix of full
 * (MTU-filling), empty (header-only, such as a bare TCP ACK) and mid-sized payloads. The mixes are tuned so that the
 * default pool gives a mean frame of about 550 to 600 bytes with the bimodal shape of real traffic.
 */
enum TrafficProfile {
    /** HTTP and TLS: the server sends most data in full segments; the client mostly acknowledges. */
    WEB(0.58, new SizeMix(0.72, 0.10, 150, 1350), new SizeMix(0.02, 0.78, 60, 700)),
    /** SSH: small payloads both ways. */
    INTERACTIVE(0.5, new SizeMix(0.02, 0.45, 36, 300), new SizeMix(0.02, 0.45, 36, 300)),
    /** SMTP: the client uploads. */
    UPLOAD(0.4, new SizeMix(0.0, 0.8, 20, 120), new SizeMix(0.55, 0.1, 100, 1400)),
    /** Databases and caches: small queries, mixed answers. */
    QUERY(0.5, new SizeMix(0.3, 0.2, 60, 1400), new SizeMix(0.0, 0.35, 20, 400)),
    /** DNS and SNMP: one small datagram each way. */
    LOOKUP(0.5, new SizeMix(0.0, 0.0, 40, 480), new SizeMix(0.0, 0.0, 17, 60)),
    /** QUIC: full datagrams from the server, small ones from the client. */
    DATAGRAM_STREAM(0.6, new SizeMix(0.66, 0.0, 40, 1200), new SizeMix(0.1, 0.0, 25, 120)),
    /** NTP: 48-byte datagrams each way. */
    TIME(0.5, new SizeMix(0.0, 0.0, 48, 48), new SizeMix(0.0, 0.0, 48, 48)),
    /** Syslog: the client sends only. */
    LOG(0.0, new SizeMix(0.0, 0.0, 60, 400), new SizeMix(0.0, 0.0, 60, 400)),
    /** ICMP echo: 56 bytes of data each way, as ping sends. */
    ECHO(0.5, new SizeMix(0.0, 0.0, 56, 56), new SizeMix(0.0, 0.0, 56, 56)),
    /** GRE and ESP tunnels: whatever the tunnelled traffic carries. */
    TUNNEL(0.5, new SizeMix(0.4, 0.15, 40, 1400), new SizeMix(0.4, 0.15, 40, 1400));

    private final double fromServerShare;
    private final SizeMix server;
    private final SizeMix client;

    TrafficProfile(double fromServerShare, SizeMix server, SizeMix client) {
        this.fromServerShare = fromServerShare;
        this.server = server;
        this.client = client;
    }

    /** Returns true where the next packet goes from server to client. */
    boolean drawFromServer(SplitMix64 rng) {
        return rng.nextDouble() < fromServerShare;
    }

    /** Returns a payload length for the direction, at most {@code fullPayload}, the payload that fills the MTU. */
    int drawPayload(boolean fromServer, int fullPayload, SplitMix64 rng) {
        return (fromServer ? server : client).draw(fullPayload, rng);
    }

    /**
     * One direction's payload sizes: {@code full} of them fill the MTU, {@code empty} carry nothing, the rest are
     * uniform in [lo, hi].
     */
    private record SizeMix(double full, double empty, int lo, int hi) {
        int draw(int fullPayload, SplitMix64 rng) {
            double u = rng.nextDouble();
            if (u < full) {
                return fullPayload;
            }
            if (u < full + empty) {
                return 0;
            }
            int size = lo == hi ? lo : lo + rng.nextInt(hi - lo + 1);
            return Math.min(size, fullPayload);
        }
    }
}
