package io.netspectra.pipeline;

import io.netspectra.aggregate.StripedAggregator;
import io.netspectra.capture.CaptureInput;
import io.netspectra.capture.CaptureReader;
import io.netspectra.capture.Frame;
import io.netspectra.config.Clock;
import io.netspectra.config.ConfigLoader;
import io.netspectra.config.TaskSpec;
import io.netspectra.decode.DecodedPacket;
import io.netspectra.decode.FrameDecoder;
import io.netspectra.decode.PacketBatch;
import io.netspectra.snapshot.SnapshotWriterThread;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderedConsumerTest {
    private static final Path SAMPLE = Path.of("testdata/sample.pcap");

    /** Records every timestamp and wire length it sees, and the window marks between them, as text lines. */
    private static final class Recorder implements OrderedConsumer {
        final List<String> events = new ArrayList<>();
        final List<String> threads = new ArrayList<>();

        @Override
        public void accept(PacketBatch batch) {
            threads.add(Thread.currentThread().getName());
            for (int i = 0; i < batch.size(); i++) {
                events.add(batch.timestamp(i) + " " + batch.wireLength(i));
            }
        }

        @Override
        public void windowEnd(long start, long end, boolean last) {
            threads.add(Thread.currentThread().getName());
            events.add("window " + start + " " + end + (last ? " last" : ""));
        }
    }

    /** The expected events, computed directly from the capture: IP frames in file order, a mark at each boundary. */
    private static List<String> expected(long interval) {
        List<String> out = new ArrayList<>();
        FrameDecoder decoder = new FrameDecoder();
        DecodedPacket p = new DecodedPacket();
        long windowStart = 0;
        long windowEnd = Long.MIN_VALUE;
        boolean open = false;
        boolean any = false;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (CaptureReader r = CaptureInput.file(SAMPLE).open()) {
            Frame f = new Frame();
            while (r.next(f)) {
                long ts = f.timestampNanos;
                first = Math.min(first, ts);
                last = Math.max(last, ts);
                if (interval > 0 && ts >= windowEnd) {
                    if (open && any) {
                        out.add("window " + windowStart + " " + windowEnd);
                        any = false;
                    }
                    windowStart = Math.floorDiv(ts, interval) * interval;
                    windowEnd = windowStart + interval;
                    open = true;
                }
                if (decoder.decode(f.buffer, f.offset, f.capturedLength, f.linkType, p) == FrameDecoder.IP) {
                    out.add(ts + " " + f.wireLength);
                    any = true;
                }
            }
        }
        out.add(interval > 0 ? "window " + windowStart + " " + windowEnd + " last"
                : "window " + first + " " + (last + 1) + " last");
        return out;
    }

    @ParameterizedTest(name = "workers {0}, interval {1} ns")
    @CsvSource({"1, 0", "2, 0", "4, 0", "1, 1000000000", "2, 1000000000", "4, 1000000000", "4, 250000000"})
    void orderedConsumerSeesEveryRecordInReadOrderWithWindowMarksBetween(int workers, long interval) {
        List<StripedAggregator> tasks = new ArrayList<>();
        for (TaskSpec t : ConfigLoader.loadDefault().tasks()) {
            tasks.add(new StripedAggregator(t));
        }
        Recorder recorder = new Recorder();
        SnapshotWriterThread writer = new SnapshotWriterThread(tasks, null);
        Pipeline pipeline = new Pipeline(new Pipeline.Settings(workers, interval, Clock.CAPTURE), tasks,
                List.of(recorder), writer, line -> {
                    throw new AssertionError(line);
                }, null);
        RunStats stats = pipeline.run(List.of(CaptureInput.file(SAMPLE)));

        List<String> want = expected(interval);
        assertEquals(want, recorder.events);
        assertEquals(stats.totals().ipPackets(), want.stream().filter(e -> !e.startsWith("window")).count());
        assertTrue(recorder.threads.stream().allMatch("ns-ordered"::equals), recorder.threads.toString());
    }
}
