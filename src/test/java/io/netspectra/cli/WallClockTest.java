package io.netspectra.cli;

import io.netspectra.store.SnapshotReader;
import io.netspectra.store.StoredWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With {@code clock: wall} windows follow the wall clock, so their contents depend on speed; the report, which sums
 * all windows, must not: it equals the capture-clock report, and the written windows add up to it.
 */
class WallClockTest {

    @Test
    @Timeout(120)
    void wallClockWindowsSumToTheCaptureClockReport(@TempDir Path dir) throws IOException {
        Path capture = Path.of("testdata/sample.pcap");
        Path cfg = dir.resolve("wall.yaml");
        Files.writeString(cfg, """
                aggregator:
                  snapshot_interval: 1ms
                  clock: wall
                  tasks:
                    - {name: by_five_tuple, key_fields: [SrcIP, DstIP, SrcPort, DstPort, Protocol]}
                    - {name: by_protocol, key_fields: [Protocol]}
                """);
        Path capCfg = dir.resolve("capture.yaml");
        Files.writeString(capCfg, Files.readString(cfg).replace("clock: wall", "clock: capture")
                .replace("1ms", "0"));
        Path out = dir.resolve("out");
        CliRun wall = CliRun.run("analyze", "--format", "json", "-q", "-c", cfg.toString(), "-o", out.toString(),
                "--workers", "2", capture.toString());
        CliRun reference = CliRun.run("analyze", "--format", "json", "-q", "--no-snapshots", "-c", capCfg.toString(),
                capture.toString());
        assertEquals(ExitCodes.OK, wall.exitCode(), wall.err());
        assertEquals(reference.out(), wall.out());

        Path runDir;
        try (Stream<Path> s = Files.list(out)) {
            runDir = s.findFirst().orElseThrow();
        }
        List<StoredWindow> windows = new SnapshotReader().readAll(runDir);
        long packets = windows.stream().filter(w -> w.rows().task().name().equals("by_protocol"))
                .mapToLong(w -> w.rows().totalPackets()).sum();
        long ipPackets = (Long) ((java.util.Map<?, ?>) io.netspectra.report.Json.object(reference.out())
                .get("totals")).get("ip_packets");
        assertEquals(ipPackets, packets);
    }
}
