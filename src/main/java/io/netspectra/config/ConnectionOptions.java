package io.netspectra.config;

/**
 * The timeouts of a connections task, in nanoseconds of packet time. Defaults follow Zeek for the idle timeouts
 * ({@code tcp_inactivity_timeout} 5 min, {@code udp_inactivity_timeout} and {@code icmp_inactivity_timeout} 1 min),
 * nfdump's {@code nfpcapd} for the active timeout ({@code -e 300,...}: a long connection is reported every 5 min)
 * and Zeek's {@code tcp_close_delay} (5 s) for the grace after FIN/RST.
 *
 * @param tcpIdle   a TCP connection without packets for longer ends (reason idle)
 * @param udpIdle   likewise for UDP
 * @param otherIdle likewise for ICMP, ICMPv6 and every other protocol
 * @param active    a connection older than this (from its first packet) ends and the next packet starts a new one
 *                  (reason active); 0 turns it off
 * @param finGrace  after FIN from both sides or a RST, packets within this time still count in the connection
 *                  (the final ACK, a retransmitted FIN); then it ends (reason fin or rst)
 */
public record ConnectionOptions(long tcpIdle, long udpIdle, long otherIdle, long active, long finGrace) {
    private static final long SECOND = 1_000_000_000L;
    public static final long DEFAULT_TCP_IDLE = 300 * SECOND;
    public static final long DEFAULT_UDP_IDLE = 60 * SECOND;
    public static final long DEFAULT_OTHER_IDLE = 60 * SECOND;
    public static final long DEFAULT_ACTIVE = 300 * SECOND;
    public static final long DEFAULT_FIN_GRACE = 5 * SECOND;

    /** The defaults described above. */
    public static final ConnectionOptions DEFAULTS = new ConnectionOptions(DEFAULT_TCP_IDLE, DEFAULT_UDP_IDLE,
            DEFAULT_OTHER_IDLE, DEFAULT_ACTIVE, DEFAULT_FIN_GRACE);

    public ConnectionOptions {
        if (tcpIdle <= 0 || udpIdle <= 0 || otherIdle <= 0 || active < 0 || finGrace < 0) {
            throw new IllegalArgumentException("idle timeouts must be positive, active and fin_grace 0 or more");
        }
    }

    /** Returns the idle timeout of IP protocol {@code protocol}. */
    public long idleFor(int protocol) {
        return protocol == 6 ? tcpIdle : protocol == 17 ? udpIdle : otherIdle;
    }
}
