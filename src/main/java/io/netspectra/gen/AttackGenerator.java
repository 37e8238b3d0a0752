package io.netspectra.gen;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the traffic of a scan or a fan-in, with a known number of distinct peers, to overlay on generated background
 * traffic (give both captures to {@code analyze}: inputs are merged by timestamp). Addresses come from TEST-NET
 * ranges (RFC 5737), which the background flow pool never uses, so the truth is exactly the parameters.
 *
 * <ul>
 *   <li>{@link #portScan}: one scanner sends one TCP packet to each of {@code ports} ports on each of {@code hosts}
 *       hosts: {@code hosts} distinct DstIPs and {@code hosts * ports} distinct (DstIP, DstPort) for its SrcIP.</li>
 *   <li>{@link #fanIn}: {@code sources} distinct sources each send {@code packetsEach} UDP packets to one victim
 *       port: {@code sources} distinct SrcIPs for its DstIP (a DDoS-like fan-in).</li>
 * </ul>
 */
public final class AttackGenerator {
    /** The scanner's address, 203.0.113.66. */
    public static final int SCANNER = 0xcb007142;
    /** The first scanned host, 198.51.100.1; the others follow it. */
    public static final int FIRST_SCANNED = 0xc6336401;
    /** The fan-in victim, 192.0.2.10. */
    public static final int VICTIM = 0xc000020a;
    /** The first fan-in source, 100.64.0.1 (shared address space, RFC 6598); the others follow it. */
    public static final int FIRST_SOURCE = 0x64400001;
    /** The victim's port. */
    public static final int VICTIM_PORT = 53;

    private final long startNanos;
    private final long gapNanos;

    /** Writes packets {@code gapNanos} apart from {@code startNanos}. */
    public AttackGenerator(long startNanos, long gapNanos) {
        this.startNanos = startNanos;
        this.gapNanos = gapNanos;
    }

    /** Writes a pcap of the port scan and returns the number of packets ({@code hosts * ports}). */
    public long portScan(OutputStream out, int hosts, int ports) throws IOException {
        CaptureWriter writer = open(out);
        FrameBuilder frames = new FrameBuilder();
        Flow flow = flow(Service.TCP);
        long n = 0;
        for (int p = 0; p < ports; p++) {
            for (int h = 0; h < hosts; h++) {
                flow.clientIpv4 = SCANNER;
                flow.clientPort = 40_000 + (p % 20_000);
                flow.serverIpv4 = FIRST_SCANNED + h;
                flow.serverPort = 1 + p;
                long nanos = startNanos + n * gapNanos;
                int length = frames.buildFlowPacket(flow, false, 0, nanos);
                writer.writePacket(nanos, frames.frame(), length, length);
                n++;
            }
        }
        writer.flush();
        return n;
    }

    /** Writes a pcap of the fan-in and returns the number of packets ({@code sources * packetsEach}). */
    public long fanIn(OutputStream out, int sources, int packetsEach) throws IOException {
        CaptureWriter writer = open(out);
        FrameBuilder frames = new FrameBuilder();
        Flow flow = flow(Service.UDP);
        long n = 0;
        for (int round = 0; round < packetsEach; round++) {
            for (int s = 0; s < sources; s++) {
                flow.clientIpv4 = FIRST_SOURCE + s;
                flow.clientPort = 1024 + (s % 60_000);
                flow.serverIpv4 = VICTIM;
                flow.serverPort = VICTIM_PORT;
                long nanos = startNanos + n * gapNanos;
                int length = frames.buildFlowPacket(flow, false, 64, nanos);
                writer.writePacket(nanos, frames.frame(), length, length);
                n++;
            }
        }
        writer.flush();
        return n;
    }

    private static CaptureWriter open(OutputStream out) throws IOException {
        GenSpec spec = GenSpec.defaults(0, 0);
        return CaptureWriter.open(spec, new ByteSink(out));
    }

    private static Flow flow(int protocol) {
        Flow f = new Flow();
        f.protocol = protocol;
        f.clientMac = 0x02_00_00_00_00_01L;
        f.serverMac = 0x02_00_00_00_00_02L;
        f.clientTtl = 64;
        f.serverTtl = 64;
        f.sessionId = 0x1234_5678;
        f.clientIsn = 1000;
        f.serverIsn = 2000;
        return f;
    }
}
