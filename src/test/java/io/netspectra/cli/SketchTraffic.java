package io.netspectra.cli;

import io.netspectra.gen.AttackGenerator;
import io.netspectra.gen.CaptureGenerator;
import io.netspectra.gen.GenSpec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Generated traffic with known truth for the sketch tests: background from the project's generator, a port scan and a
 * DDoS-like fan-in from {@link AttackGenerator}, and a config with exact tasks (the truth) beside sketch tasks.
 */
final class SketchTraffic {
    static final int SCAN_HOSTS = 40;
    static final int SCAN_PORTS = 200;
    static final int FAN_IN_SOURCES = 5000;
    static final int FAN_IN_PACKETS_EACH = 3;
    static final String SCANNER = "203.0.113.66";
    static final String VICTIM = "192.0.2.10";

    static final String CONFIG = """
            aggregator:
              snapshot_interval: 0
              tasks:
                - name: exact_src_dst_port
                  key_fields: [SrcIP, DstIP, DstPort]
                - name: exact_dst_src
                  key_fields: [DstIP, SrcIP]
                - name: scanners
                  key_fields: [SrcIP]
                  distinct: [DstIP, DstPort]
                  exact_limit: 1000
                - name: fan_in
                  key_fields: [DstIP]
                  distinct: [SrcIP]
                  exact_limit: 1000
                  lg_k: 10
                - name: dst_count
                  type: cardinality
                  key_fields: [DstIP]
                  exact_limit: 1000
                - name: top_dsts
                  type: heavy_hitters
                  key_fields: [DstIP]
                  weight: packets
                  k: 5
                  lg_k: 6
            """;

    private SketchTraffic() {
    }

    /** Writes background, scan and fan-in captures and the config into {@code dir}; returns the three captures. */
    static List<Path> write(Path dir) {
        try {
            Path background = dir.resolve("background.pcap");
            new CaptureGenerator(GenSpec.defaults(60_000, 42)).writeFile(background);
            AttackGenerator attacks = new AttackGenerator(GenSpec.DEFAULT_START_NANOS + 1_000, 20_000);
            Path scan = dir.resolve("scan.pcap");
            try (OutputStream out = Files.newOutputStream(scan)) {
                attacks.portScan(out, SCAN_HOSTS, SCAN_PORTS);
            }
            Path fanIn = dir.resolve("fan-in.pcap");
            try (OutputStream out = Files.newOutputStream(fanIn)) {
                attacks.fanIn(out, FAN_IN_SOURCES, FAN_IN_PACKETS_EACH);
            }
            Files.writeString(dir.resolve("sketches.yaml"), CONFIG);
            return List.of(background, scan, fanIn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> task(Map<String, Object> report, String list, String name) {
        return ((List<Map<String, Object>>) report.get(list)).stream().filter(t -> t.get("name").equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + list + " entry " + name));
    }
}
