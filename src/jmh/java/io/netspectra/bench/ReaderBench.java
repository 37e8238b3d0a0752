package io.netspectra.bench;

import io.netspectra.capture.CaptureFiles;
import io.netspectra.capture.CaptureReader;
import io.netspectra.capture.Frame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.Pcaps;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reading a classic pcap capture frame by frame, one op = one frame delivered (its bytes, captured and wire length,
 * timestamp): the project's reader ({@link CaptureFiles#open}) from a file in the page cache, as {@code analyze}
 * reads, and from an in-memory stream (the path of compressed and piped inputs, minus the decompression), against two
 * baselines on the same file: the JDK way ({@link DataInputStream} over a {@link BufferedInputStream}, reading each
 * record into a reused array) and libpcap through pcap4j ({@code Pcaps.openOffline}, one array and one timestamp
 * object per frame), the library the project uses for {@code --filter}. The pcap4j baseline needs libpcap (Debian
 * {@code libpcap0.8}, which {@code .ci/run} installs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class ReaderBench {
    /** Frames per invocation: a 118 MB capture, far past the caches, as a real capture is. */
    static final int FRAMES = 200_000;
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    private static final int BUFFER = 256 << 10;

    private byte[] pcap;
    private Path file;

    @Setup
    public void setUp() throws IOException {
        pcap = GeneratedFrames.capture(FRAMES);
        file = Files.createTempFile("ns-reader-bench", ".pcap");
        Files.write(file, pcap);
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long captureReaderFile() {
        try (CaptureReader reader = CaptureFiles.open(file)) {
            return drain(reader);
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long captureReaderStream() {
        try (CaptureReader reader = CaptureFiles.open(new ByteArrayInputStream(pcap), "bench")) {
            return drain(reader);
        }
    }

    private static long drain(CaptureReader reader) {
        Frame f = new Frame();
        long sum = 0;
        int n = 0;
        while (reader.next(f)) {
            sum += f.wireLength + f.capturedLength + f.timestampNanos + f.buffer.get(f.offset);
            n++;
        }
        if (n != FRAMES) {
            throw new IllegalStateException("read " + n + " frames, not " + FRAMES);
        }
        return sum;
    }

    /** The JDK way: a buffered data stream, each record header parsed and the frame read into a reused array. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long dataInputStreamBaseline() {
        byte[] header = new byte[RECORD_HEADER];
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        byte[] frame = new byte[65_536];
        long sum = 0;
        int n = 0;
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, BUFFER))) {
            in.readFully(new byte[FILE_HEADER]);
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException end) {
                    break;
                }
                long ts = h.getInt(0) * 1_000_000_000L + h.getInt(4);
                int caplen = h.getInt(8);
                int len = h.getInt(12);
                if (caplen > frame.length) {
                    frame = new byte[caplen];
                }
                in.readFully(frame, 0, caplen);
                sum += len + caplen + ts + frame[0];
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (n != FRAMES) {
            throw new IllegalStateException("read " + n + " frames, not " + FRAMES);
        }
        return sum;
    }

    /** libpcap through pcap4j: {@code pcap_next_ex} per frame, copied into a new array. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long pcap4jOffline() throws PcapNativeException, NotOpenException, TimeoutException {
        long sum = 0;
        int n = 0;
        try (PcapHandle handle = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.NANO)) {
            while (true) {
                byte[] frame;
                try {
                    frame = handle.getNextRawPacketEx();
                } catch (EOFException end) {
                    break;
                }
                Timestamp ts = handle.getTimestamp();
                long nanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
                sum += handle.getOriginalLength() + frame.length + nanos + frame[0];
                n++;
            }
        }
        if (n != FRAMES) {
            throw new IllegalStateException("read " + n + " frames, not " + FRAMES);
        }
        return sum;
    }
}
