package io.netspectra.gen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the capture a {@link GenSpec} describes. Each packet is, with probability {@link #NON_IP_SHARE}, an ARP
 * frame outside the flow pool, and otherwise a packet of a flow drawn from the pool by Zipf popularity, in a direction
 * and of a size its traffic profile draws.
 *
 * <p>Guarantees: identical specs give byte-identical output on every JVM (all randomness comes from the seed through
 * {@link SplitMix64} and {@link StrictMath}); timestamps rise strictly; every frame is a valid Ethernet frame with
 * correct lengths and checksums. Not thread-safe; allocates nothing per packet.
 */
public final class CaptureGenerator {
    /** The share of packets that are ARP frames rather than packets of the flow pool. */
    public static final double NON_IP_SHARE = 0.015;

    private static final double ARP_REQUEST_SHARE = 0.6;
    private static final long PACKET_STREAM = 0x5eed5eed5eed5eedL;

    private final GenSpec spec;

    public CaptureGenerator(GenSpec spec) {
        this.spec = spec;
    }

    /**
     * Writes the capture to {@code file} atomically: to {@code file.tmp} first, renamed over {@code file} once
     * complete; on failure the temporary file is deleted and {@code file} is untouched.
     */
    public GenSummary writeFile(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory");
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        GenSummary summary;
        try (OutputStream out = Files.newOutputStream(temporary)) {
            summary = write(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return summary;
    }

    /** Writes the capture to {@code out} and flushes it; {@code out} stays open. */
    public GenSummary write(OutputStream out) throws IOException {
        SplitMix64 rng = new SplitMix64(SplitMix64.mix(spec.seed() ^ PACKET_STREAM));
        FlowPool pool = new FlowPool(spec.flows(), spec.zipfExponent(), spec.seed());
        ZipfSampler popularity = new ZipfSampler(spec.flows(), spec.zipfExponent());
        ArrivalClock clock = new ArrivalClock(spec.startNanos(), spec.packetsPerSecond());
        FrameBuilder frames = new FrameBuilder();
        Flow flow = new Flow();
        SeenFlows seen = new SeenFlows(spec.flows());
        CaptureWriter writer = CaptureWriter.open(spec, new ByteSink(out));

        long wireBytes = 0;
        long ipv4 = 0;
        long ipv6 = 0;
        long vlan = 0;
        long firstNanos = spec.startNanos();
        long nanos = spec.startNanos();
        for (long i = 0; i < spec.packets(); i++) {
            nanos = clock.next(rng);
            if (i == 0) {
                firstNanos = nanos;
            }
            int length;
            if (rng.nextDouble() < NON_IP_SHARE) {
                length = buildArp(pool, frames, rng);
            } else {
                int index = popularity.sample(rng) - 1;
                pool.describe(index, flow);
                TrafficProfile profile = flow.service.profile();
                boolean fromServer = profile.drawFromServer(rng);
                int payload = profile.drawPayload(fromServer, FrameBuilder.fullPayload(flow), rng);
                length = frames.buildFlowPacket(flow, fromServer, payload, nanos);
                seen.mark(index, fromServer);
                ipv4 += flow.ipv6 ? 0 : 1;
                ipv6 += flow.ipv6 ? 1 : 0;
                vlan += flow.vlanTags > 0 ? 1 : 0;
            }
            wireBytes += length;
            writer.writePacket(nanos, frames.frame(), Math.min(length, spec.snaplen()), length);
        }
        writer.flush();
        long nonIp = spec.packets() - ipv4 - ipv6;
        return new GenSummary(spec.packets(), wireBytes, writer.bytesWritten(), seen.flows(), seen.fiveTuples(), ipv4,
                ipv6, vlan, nonIp, firstNanos, nanos);
    }

    /** Builds an ARP request from one client for another, or the reply, and returns the frame's length. */
    private static int buildArp(FlowPool pool, FrameBuilder frames, SplitMix64 rng) {
        int asker = rng.nextInt(pool.clients());
        int asked = rng.nextInt(pool.clients());
        if (rng.nextDouble() < ARP_REQUEST_SHARE) {
            return frames.buildArp(true, pool.clientMac(asker), pool.clientIpv4(asker), 0, pool.clientIpv4(asked));
        }
        return frames.buildArp(false, pool.clientMac(asked), pool.clientIpv4(asked), pool.clientMac(asker),
                pool.clientIpv4(asker));
    }
}
