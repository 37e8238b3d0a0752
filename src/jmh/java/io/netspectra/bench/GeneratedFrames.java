package io.netspectra.bench;

import io.netspectra.capture.CaptureFiles;
import io.netspectra.capture.CaptureReader;
import io.netspectra.capture.Frame;
import io.netspectra.decode.DecodedPacket;
import io.netspectra.decode.FrameDecoder;
import io.netspectra.decode.PacketBatch;
import io.netspectra.gen.CaptureGenerator;
import io.netspectra.gen.GenSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The frames of a synthetic capture, held in memory for benchmarks: every frame's captured bytes one after another in
 * {@link #bytes}, with per-frame columns beside them. Built once per trial, off the measured path.
 */
final class GeneratedFrames {
    /** The seed every benchmark generates from, as {@code scripts/bench} does. */
    static final long SEED = 42;

    final byte[] bytes;
    final int[] offset;
    final int[] capturedLength;
    final int[] wireLength;
    final int[] linkType;
    final long[] timestamp;
    final int count;

    private GeneratedFrames(byte[] bytes, int[] offset, int[] capturedLength, int[] wireLength, int[] linkType,
                            long[] timestamp, int count) {
        this.bytes = bytes;
        this.offset = offset;
        this.capturedLength = capturedLength;
        this.wireLength = wireLength;
        this.linkType = linkType;
        this.timestamp = timestamp;
        this.count = count;
    }

    /** Returns the pcap bytes {@code scripts/pcapgen -n packets --seed 42} writes. */
    static byte[] capture(long packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new CaptureGenerator(GenSpec.defaults(packets, SEED)).write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Generates {@code packets} packets and extracts every frame (the records of the pcap), whole. */
    static GeneratedFrames generate(int packets) {
        GeneratedFrames frames = headers(packets, Long.MAX_VALUE, Integer.MAX_VALUE);
        if (frames.count != packets) {
            throw new IllegalStateException("expected " + packets + " frames, read " + frames.count);
        }
        return frames;
    }

    /**
     * Returns the generated capture's first frames, up to {@code maxFrames} of them and none {@code spanNanos} or more
     * after the first frame's timestamp, each held as its first {@code headerBytes} bytes only, back to back in
     * {@link #bytes}: {@link #capturedLength} says how many (the frame's own captured length when shorter),
     * {@link #wireLength} stays the frame's ({@code Integer.MAX_VALUE} keeps whole frames). The capture streams from
     * the generator through a pipe, so a window of the default config's interval (3M frames, 1.8 GB of pcap) is never
     * held whole; only its headers are.
     */
    static GeneratedFrames headers(int maxFrames, long spanNanos, int headerBytes) {
        int room = 1 << 16;
        byte[] bytes = new byte[room * Math.min(headerBytes, 128)];
        int[] offset = new int[room];
        int[] captured = new int[room];
        int[] wire = new int[room];
        int[] link = new int[room];
        long[] ts = new long[room];
        int n = 0;
        int end = 0;
        PipedInputStream pipe = new PipedInputStream(1 << 20);
        PipedOutputStream sink;
        try {
            // Connected here, before either side runs: a read of an unconnected pipe fails.
            sink = new PipedOutputStream(pipe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread generator = new Thread(() -> {
            try (PipedOutputStream out = sink) {
                new CaptureGenerator(GenSpec.defaults(maxFrames, SEED)).write(out);
            } catch (IOException e) {
                // The reading side closed the pipe: it has the frames it wanted.
            }
        }, "bench-generator");
        generator.setDaemon(true);
        generator.start();
        Frame f = new Frame();
        try (CaptureReader reader = CaptureFiles.open(pipe, "generated")) {
            while (n < maxFrames && reader.next(f) && (n == 0 || f.timestampNanos - ts[0] < spanNanos)) {
                if (n == room) {
                    room *= 2;
                    offset = Arrays.copyOf(offset, room);
                    captured = Arrays.copyOf(captured, room);
                    wire = Arrays.copyOf(wire, room);
                    link = Arrays.copyOf(link, room);
                    ts = Arrays.copyOf(ts, room);
                }
                int len = Math.min(headerBytes, f.capturedLength);
                if (end + len > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, end + len));
                }
                f.buffer.get(f.offset, bytes, end, len);
                offset[n] = end;
                captured[n] = len;
                wire[n] = f.wireLength;
                link[n] = f.linkType;
                ts[n] = f.timestampNanos;
                end += len;
                n++;
            }
            if (reader.damage() != null) {
                throw new IllegalStateException("generated capture damaged: " + reader.damage());
            }
        }
        return new GeneratedFrames(Arrays.copyOf(bytes, end), offset, captured, wire, link, ts, n);
    }

    /** Returns {@code bytes} in a direct buffer, as the reader's window holds frames. */
    static ByteBuffer direct(byte[] bytes) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes.length);
        b.put(0, bytes);
        return b;
    }

    /** Returns frame {@code i}'s captured bytes as an array of its own. */
    byte[] frameCopy(int i) {
        return Arrays.copyOfRange(bytes, offset[i], offset[i] + capturedLength[i]);
    }

    /**
     * Decodes frames in order into exactly {@code batches} full batches of {@code batchSize} IP records (non-IP
     * frames are skipped, as the pipeline does); throws when the frames run out first.
     */
    List<PacketBatch> batches(int batches, int batchSize) {
        FrameDecoder decoder = new FrameDecoder();
        DecodedPacket p = new DecodedPacket();
        List<PacketBatch> out = new ArrayList<>(batches);
        PacketBatch batch = new PacketBatch(batchSize);
        for (int i = 0; i < count && out.size() < batches; i++) {
            if (decoder.decode(bytes, offset[i], capturedLength[i], linkType[i], p) == FrameDecoder.IP) {
                batch.add(p, timestamp[i], wireLength[i]);
                if (batch.isFull()) {
                    out.add(batch);
                    batch = new PacketBatch(batchSize);
                }
            }
        }
        if (out.size() < batches) {
            throw new IllegalStateException("only " + out.size() + " full batches from " + count + " frames");
        }
        return out;
    }
}
