package io.netspectra.bench;

import io.netspectra.aggregate.Derivation;
import io.netspectra.aggregate.StripedAggregator;
import io.netspectra.capture.CaptureInput;
import io.netspectra.config.AnalyzerConfig;
import io.netspectra.config.ConfigLoader;
import io.netspectra.gen.CaptureGenerator;
import io.netspectra.gen.GenSpec;
import io.netspectra.pipeline.Pipeline;
import io.netspectra.pipeline.RunStats;
import io.netspectra.snapshot.SnapshotWriterThread;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole pipeline in-process (read, decode, {@code workers} aggregation threads, capture-clock windows, run totals)
 * on a generated 1M-packet pcap file, without snapshot files (a null {@code RunWriter}, as {@code --no-snapshots}),
 * with the default config's tasks, interval and clock. One op = one packet, so the score is packets per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class PipelineBench {
    static final int PACKETS = 1_000_000;

    @Param({"1", "2"})
    public int workers;

    private Path dir;
    private Path file;
    private AnalyzerConfig config;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("ns-pipeline-bench");
        file = dir.resolve("bench-1m.pcap");
        new CaptureGenerator(GenSpec.defaults(PACKETS, GeneratedFrames.SEED)).writeFile(file);
        config = ConfigLoader.loadDefault();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public RunStats run() {
        List<StripedAggregator> aggregators = Derivation.aggregators(config.tasks());
        SnapshotWriterThread writer = new SnapshotWriterThread(aggregators, null);
        Pipeline pipeline = new Pipeline(new Pipeline.Settings(workers, config.snapshotIntervalNanos(),
                config.clock()), aggregators, writer, line -> {
                    throw new IllegalStateException("unexpected input problem: " + line);
                });
        RunStats stats = pipeline.run(List.of(CaptureInput.file(file)));
        if (stats.totals().packets() != PACKETS) {
            throw new IllegalStateException("read " + stats.totals().packets() + " packets, expected " + PACKETS);
        }
        return stats;
    }
}
