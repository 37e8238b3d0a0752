package io.netspectra.connections;

import io.netspectra.config.ConnectionOptions;
import io.netspectra.config.TaskSpec;
import io.netspectra.decode.DecodedPacket;
import io.netspectra.decode.FrameBytes;
import io.netspectra.decode.FrameDecoder;
import io.netspectra.decode.LinkTypes;
import io.netspectra.decode.PacketBatch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection lifecycle on frames built here and decoded by {@link FrameDecoder}: originator, per-direction counts,
 * idle and active timeouts, FIN/RST with the grace period, port reuse, end of input, and bounded memory.
 */
class ConnectionTrackerTest {
    private static final long S = 1_000_000_000L;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int SYN = TcpFlags.SYN;
    private static final int ACK = TcpFlags.ACK;
    private static final int FIN = TcpFlags.FIN;
    private static final int RST = TcpFlags.RST;
    private static final String A = "10.0.0.1";
    private static final String B = "10.0.0.2";

    /** Feeds built frames to a tracker in batches and keeps every window it hands over. */
    private static final class Feed {
        final ConnectionTracker tracker;
        final List<ConnectionRows> windows = new ArrayList<>();
        final PacketBatch batch = new PacketBatch(64);
        final FrameDecoder decoder = new FrameDecoder();
        final DecodedPacket p = new DecodedPacket();

        Feed(ConnectionOptions options) {
            tracker = new ConnectionTracker(TaskSpec.connections("conns", options), true,
                    (start, end, rows, last) -> windows.add(rows));
        }

        Feed tcp(double seconds, String src, int sp, String dst, int dp, int flags) {
            return frame(seconds, new FrameBytes().ethernet(0x0800).ipv4(TCP, src, dst).tcp(sp, dp, flags).build());
        }

        Feed udp(double seconds, String src, int sp, String dst, int dp) {
            return frame(seconds, new FrameBytes().ethernet(0x0800).ipv4(UDP, src, dst).udp(sp, dp).zeros(10)
                    .build());
        }

        Feed icmp(double seconds, String src, String dst, int type) {
            return frame(seconds, new FrameBytes().ethernet(0x0800).ipv4(1, src, dst).icmp(type, 0).build());
        }

        Feed frame(double seconds, byte[] f) {
            assertEquals(FrameDecoder.IP, decoder.decode(f, 0, f.length, LinkTypes.ETHERNET, p));
            batch.add(p, Math.round(seconds * S), f.length);
            if (batch.isFull()) {
                flush();
            }
            return this;
        }

        void flush() {
            tracker.accept(batch);
            batch.clear();
        }

        Feed cut(double endSeconds) {
            flush();
            tracker.windowEnd(0, Math.round(endSeconds * S), false);
            return this;
        }

        ConnectionRows end() {
            flush();
            tracker.windowEnd(0, Long.MAX_VALUE, true);
            List<ConnectionRows> all = new ArrayList<>(windows);
            return ConnectionRows.concat(all.get(0).task(), all).canonical();
        }
    }

    private static ConnectionOptions options(long tcpIdle, long udpIdle, long active, long grace) {
        return new ConnectionOptions(tcpIdle * S, udpIdle * S, 60 * S, active * S, grace * S);
    }

    private static final ConnectionOptions DEFAULTS = ConnectionOptions.DEFAULTS;

    @Test
    void bothDirectionsMakeOneConnectionWhoseOriginatorSentTheFirstPacket() {
        Feed f = new Feed(DEFAULTS);
        f.tcp(0, B, 80, A, 40000, SYN | ACK);   // the first packet seen comes from the server
        f.tcp(0.1, A, 40000, B, 80, ACK);
        f.tcp(0.2, A, 40000, B, 80, ACK);
        ConnectionRows rows = f.end();
        assertEquals(1, rows.size());
        assertEquals(0x0A000002L, rows.origLo(0));
        assertEquals(80, rows.origPort(0));
        assertEquals(40000, rows.respPort(0));
        assertEquals(1, rows.origPackets(0));
        assertEquals(2, rows.respPackets(0));
        assertEquals(54, rows.origBytes(0));
        assertEquals(108, rows.respBytes(0));
        assertEquals(SYN | ACK, rows.origFlags(0));
        assertEquals(ACK, rows.respFlags(0));
        assertEquals(EndReason.END, rows.reason(0));
        assertEquals(0, rows.first(0));
        assertEquals(200_000_000L, rows.last(0));
    }

    @Test
    void idleTimeoutEndsAConnectionAtItsLastPacketAndTheNextPacketStartsANewOne() {
        Feed f = new Feed(DEFAULTS);   // UDP idle 1 min
        f.udp(0, A, 5000, B, 53).udp(30, B, 53, A, 5000);
        f.udp(90, B, 53, A, 5000);     // 60 s after the last: exactly the timeout, still the same connection
        f.udp(150.000000001, A, 5000, B, 53);   // 60 s + 1 ns after the last: a new connection
        ConnectionRows rows = f.end();
        assertEquals(2, rows.size());
        assertEquals(EndReason.IDLE, rows.reason(0));
        assertEquals(3, rows.packets(0));
        assertEquals(90 * S, rows.last(0));
        assertEquals(EndReason.END, rows.reason(1));
        assertEquals(0x0A000001L, rows.origLo(1));
        assertEquals(1, rows.packets(1));
    }

    @Test
    void anotherConnectionsPacketEndsAnIdleConnectionAndTcpIdleIsLongerThanUdp() {
        Feed f = new Feed(DEFAULTS);
        f.tcp(0, A, 40000, B, 22, SYN);
        f.udp(0, A, 5000, B, 53);
        f.udp(200, A, 5001, B, 53);   // ends the first UDP connection (idle 1 min); TCP (5 min) stays open
        f.cut(201);
        assertEquals(1, f.windows.get(0).size());
        assertEquals(5000, f.windows.get(0).origPort(0));
        assertEquals(EndReason.IDLE, f.windows.get(0).reason(0));
        assertEquals(2, f.tracker.openConnections());
        f.udp(400, A, 5001, B, 53);   // now past the TCP idle timeout too
        ConnectionRows rows = f.end();
        assertEquals(4, rows.size());
        assertEquals(EndReason.IDLE, rows.reason(0));   // tcp, first 0
        assertEquals(TCP, rows.protocol(0));
    }

    @Test
    void finFromBothSidesEndsAfterTheGraceAndTheFinalAckStillCounts() {
        Feed f = new Feed(DEFAULTS);
        f.tcp(0, A, 40000, B, 80, SYN).tcp(0.1, B, 80, A, 40000, SYN | ACK).tcp(0.2, A, 40000, B, 80, ACK);
        f.tcp(1, A, 40000, B, 80, FIN | ACK).tcp(1.1, B, 80, A, 40000, FIN | ACK);
        f.tcp(1.2, A, 40000, B, 80, ACK);        // the final ACK, within the 5 s grace
        f.tcp(7, A, 40000, B, 80, ACK);          // after the grace: a connection of its own
        ConnectionRows rows = f.end();
        assertEquals(2, rows.size());
        assertEquals(EndReason.FIN, rows.reason(0));
        assertEquals(6, rows.packets(0));
        assertEquals(1_200_000_000L, rows.last(0));
        assertEquals(TcpFlags.SYN | TcpFlags.ACK | TcpFlags.FIN, rows.origFlags(0));
        assertEquals(EndReason.END, rows.reason(1));
        assertEquals(1, rows.packets(1));
    }

    @Test
    void finFromOneSideOnlyDoesNotEndAConnection() {
        Feed f = new Feed(DEFAULTS);
        f.tcp(0, A, 40000, B, 80, SYN).tcp(1, A, 40000, B, 80, FIN | ACK).tcp(20, B, 80, A, 40000, ACK);
        ConnectionRows rows = f.end();
        assertEquals(1, rows.size());
        assertEquals(EndReason.END, rows.reason(0));
    }

    @Test
    void rstEndsAfterTheGraceAndANewSynDuringTheGraceStartsANewConnection() {
        Feed f = new Feed(DEFAULTS);
        f.tcp(0, A, 40000, B, 80, SYN).tcp(0.1, B, 80, A, 40000, RST | ACK);
        f.tcp(0.2, A, 40000, B, 80, SYN);        // port reuse within the grace: a new connection
        f.tcp(0.3, B, 80, A, 40000, RST | ACK);
        f.tcp(1, A, 40000, B, 80, ACK);          // stray packet within the second grace: counts in it
        f.udp(10, A, 1, B, 2);                   // past the grace: the second connection ends (rst)
        f.cut(11);
        ConnectionRows ended = ConnectionRows.concat(f.windows.get(0).task(), f.windows).canonical();
        assertEquals(2, ended.size());
        assertEquals(EndReason.RST, ended.reason(0));
        assertEquals(2, ended.packets(0));
        assertEquals(EndReason.RST, ended.reason(1));
        assertEquals(3, ended.packets(1));
        assertEquals(1 * S, ended.last(1));
    }

    @Test
    void activeTimeoutSplitsALongConnectionKeepingItsOriginator() {
        Feed f = new Feed(options(300, 60, 100, 5));
        f.tcp(0, A, 40000, B, 443, SYN);
        for (int t = 10; t <= 250; t += 10) {
            // The responder sends the packet that follows each split: the records keep A as originator.
            f.tcp(t, B, 443, A, 40000, ACK);
        }
        ConnectionRows rows = f.end();
        assertEquals(3, rows.size());
        long total = 0;
        for (int r = 0; r < rows.size(); r++) {
            assertEquals(0x0A000001L, rows.origLo(r), "record " + r);
            assertEquals(40000, rows.origPort(r));
            total += rows.packets(r);
        }
        assertEquals(26, total);
        assertEquals(EndReason.ACTIVE, rows.reason(0));
        assertEquals(0, rows.first(0));
        assertEquals(100 * S, rows.last(0));   // 100 s = first + active: the packet at 100 s still belongs
        assertEquals(110 * S, rows.first(1));
        assertEquals(EndReason.ACTIVE, rows.reason(1));
        assertEquals(210 * S, rows.last(1));
        assertEquals(EndReason.END, rows.reason(2));
        assertEquals(220 * S, rows.first(2));
    }

    @Test
    void activeTimeoutZeroNeverSplits() {
        Feed f = new Feed(options(300, 600, 0, 5));   // UDP idle 10 min, packets every 100 s for an hour
        for (int t = 0; t <= 3600; t += 100) {
            f.udp(t, A, 1, B, 2);
        }
        ConnectionRows rows = f.end();
        assertEquals(1, rows.size());
        assertEquals(37, rows.packets(0));
    }

    @Test
    void icmpConnectionKeepsTheFirstTypeForItsCommunityId() {
        Feed f = new Feed(DEFAULTS);
        f.icmp(0, "1.2.3.4", "5.6.7.8", 8).icmp(0.1, "5.6.7.8", "1.2.3.4", 0);
        ConnectionRows rows = f.end();
        assertEquals(1, rows.size());
        assertEquals(8 << 8, rows.icmpTypeCode(0));
        assertEquals("1:crodRHL2FEsHjbv3UkRrfbs4bZ0=", rows.communityId(0));
    }

    @Test
    void windowCutsChangeOnlyWhereARecordIsWrittenNotTheRecord() {
        ConnectionRows reference = null;
        for (double every : new double[] {0, 1, 7, 45}) {
            Feed f = new Feed(options(30, 10, 50, 2));
            double nextCut = every;
            for (int i = 0; i < 400; i++) {
                double t = i * 0.75;
                if (every > 0 && t >= nextCut) {
                    f.cut(nextCut);
                    nextCut = (Math.floor(t / every) + 1) * every;
                }
                int port = 1000 + (i * 7919) % 13;
                if (i % 9 == 0) {
                    f.tcp(t, A, port, B, 80, i % 18 == 0 ? RST : SYN);
                } else {
                    f.udp(t, i % 2 == 0 ? A : B, port, i % 2 == 0 ? B : A, port + 1);
                }
            }
            ConnectionRows rows = f.end();
            if (reference == null) {
                reference = rows;
            } else {
                assertEquals(reference.size(), rows.size(), "cut every " + every);
                assertEquals(java.util.Arrays.toString(reference.words()), java.util.Arrays.toString(rows.words()),
                        "cut every " + every);
            }
        }
    }

    @Test
    void endedConnectionsLeaveMemory() {
        Feed f = new Feed(options(300, 60, 300, 5));
        // A day of short UDP exchanges, a new port pair every second: 86,400 connections, a minute of them open.
        for (int t = 0; t < 86_400; t++) {
            f.udp(t, A, 1024 + t % 60_000, B, 53 + t / 60_000);
            if (t % 3_600 == 3_599) {
                f.cut(t + 1);
            }
        }
        f.flush();
        assertTrue(f.tracker.maxOpenConnections() <= 62, "max open " + f.tracker.maxOpenConnections());
        ConnectionRows rows = f.end();
        assertEquals(86_400, rows.size());
    }
}
