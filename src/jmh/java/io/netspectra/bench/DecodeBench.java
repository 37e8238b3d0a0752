package io.netspectra.bench;

import io.netspectra.decode.DecodedPacket;
import io.netspectra.decode.FrameDecoder;
import io.netspectra.decode.LinkTypes;
import io.netspectra.inspect.Pcap4jDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Decoding frames to five-tuples, one op = one frame: {@link FrameDecoder} against a plain {@link ByteBuffer} decoder
 * of the same Ethernet/VLAN/IPv4/IPv6/ports path (the JDK baseline) and against pcap4j's static packet factory (the
 * library the project uses for {@code inspect}, one object graph per frame). The first two read the frames from one
 * direct buffer, as the pipeline reads them from the reader's window.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class DecodeBench {
    /**
     * Frames decoded per invocation: about 4.6 MB of frames, the size of the reader's 4 MiB window, so the bytes come
     * from the last-level cache as they do right after the reader copied them in. With 65,536 frames (37 MB) every
     * decoder measured about 100-115 ns per frame, all of it waiting on memory.
     */
    static final int FRAMES = 8_192;

    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;

    private GeneratedFrames frames;
    private byte[][] perFrame;
    private ByteBuffer buffer;
    private final FrameDecoder decoder = new FrameDecoder();
    private final DecodedPacket packet = new DecodedPacket();

    @Setup
    public void setUp() {
        frames = GeneratedFrames.generate(FRAMES);
        buffer = GeneratedFrames.direct(frames.bytes);
        perFrame = new byte[FRAMES][];
        for (int i = 0; i < FRAMES; i++) {
            perFrame[i] = frames.frameCopy(i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long frameDecoder() {
        long sum = 0;
        ByteBuffer b = buffer;
        for (int i = 0; i < FRAMES; i++) {
            int outcome = decoder.decode(b, frames.offset[i], frames.capturedLength[i], frames.linkType[i], packet);
            sum += outcome + packet.srcLo + packet.dstLo + packet.srcPort + packet.dstPort + packet.protocol;
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long byteBufferBaseline() {
        long sum = 0;
        for (int i = 0; i < FRAMES; i++) {
            sum += byteBufferDecode(buffer, frames.offset[i], frames.capturedLength[i], packet);
            sum += packet.srcLo + packet.dstLo + packet.srcPort + packet.dstPort + packet.protocol;
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void pcap4jStaticFactory(Blackhole bh) {
        for (int i = 0; i < FRAMES; i++) {
            bh.consume(Pcap4jDecoder.decode(perFrame[i], LinkTypes.ETHERNET));
        }
    }

    /**
     * The straightforward JDK decoder: Ethernet, any number of 802.1Q/QinQ tags, IPv4 or IPv6 (no extension
     * headers, which the generator never writes), TCP/UDP ports. Returns 0 for IP, 1 otherwise.
     */
    static int byteBufferDecode(ByteBuffer b, int offset, int length, DecodedPacket out) {
        int end = offset + length;
        if (length < 14) {
            return 1;
        }
        int p = offset + 14;
        int type = b.getShort(offset + 12) & 0xFFFF;
        while (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
            if (end - p < 4) {
                return 1;
            }
            type = b.getShort(p + 2) & 0xFFFF;
            p += 4;
        }
        int protocol;
        int transport;
        if (type == 0x0800) {
            if (end - p < 20) {
                return 1;
            }
            int ihl = b.get(p) & 0x0F;
            out.ipv6 = false;
            out.srcHi = 0;
            out.dstHi = 0;
            out.srcLo = b.getInt(p + 12) & 0xFFFF_FFFFL;
            out.dstLo = b.getInt(p + 16) & 0xFFFF_FFFFL;
            protocol = b.get(p + 9) & 0xFF;
            transport = (b.getShort(p + 6) & 0x1FFF) == 0 ? p + ihl * 4 : end;
        } else if (type == 0x86DD) {
            if (end - p < 40) {
                return 1;
            }
            out.ipv6 = true;
            out.srcHi = b.getLong(p + 8);
            out.srcLo = b.getLong(p + 16);
            out.dstHi = b.getLong(p + 24);
            out.dstLo = b.getLong(p + 32);
            protocol = b.get(p + 6) & 0xFF;
            transport = p + 40;
        } else {
            return 1;
        }
        out.protocol = protocol;
        if ((protocol == PROTO_TCP || protocol == PROTO_UDP) && end - transport >= 4) {
            out.srcPort = b.getShort(transport) & 0xFFFF;
            out.dstPort = b.getShort(transport + 2) & 0xFFFF;
        } else {
            out.srcPort = 0;
            out.dstPort = 0;
        }
        return 0;
    }
}
