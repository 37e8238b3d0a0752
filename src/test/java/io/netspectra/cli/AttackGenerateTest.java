package io.netspectra.cli;

import io.netspectra.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pcapgen --scan} and {@code --fan-in} write captures whose distinct counts are exactly what they say. */
class AttackGenerateTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private Map<String, Long> flowsPerTask(Path capture) {
        CliRun run = CliRun.run("analyze", "-q", "--no-snapshots", "--format", "json", capture.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        Map<String, Long> out = new java.util.HashMap<>();
        for (Map<String, Object> t : (List<Map<String, Object>>) Json.object(run.out()).get("tasks")) {
            out.put((String) t.get("name"), ((Number) t.get("flows")).longValue());
        }
        out.put("packets", ((Number) ((Map<String, Object>) Json.object(run.out()).get("totals")).get("packets"))
                .longValue());
        return out;
    }

    @Test
    void scanReachesHostsTimesPortsDistinctDestinations() {
        Path scan = dir.resolve("scan.pcap");
        CliRun gen = CliRun.run("pcapgen", "--scan", "7:30", "-o", scan.toString());
        assertEquals(ExitCodes.OK, gen.exitCode(), gen.err());
        assertTrue(gen.err().contains("wrote 210 packets of a port scan from 203.0.113.66 over 7 hosts x 30 ports "
                + "(210 distinct DstIP, DstPort)"), gen.err());
        Map<String, Long> flows = flowsPerTask(scan);
        assertEquals(210, flows.get("packets"));
        assertEquals(1, flows.get("by_src_ip"));
        assertEquals(7, flows.get("by_dst_ip"));
        assertEquals(30, flows.get("by_dst_port"));
        assertEquals(210, flows.get("by_five_tuple"));
    }

    @Test
    void fanInComesFromSourcesDistinctAddresses() {
        Path fanIn = dir.resolve("fan-in.pcap");
        CliRun gen = CliRun.run("pcapgen", "--fan-in", "500:4", "-o", fanIn.toString());
        assertEquals(ExitCodes.OK, gen.exitCode(), gen.err());
        Map<String, Long> flows = flowsPerTask(fanIn);
        assertEquals(2000, flows.get("packets"));
        assertEquals(500, flows.get("by_src_ip"));
        assertEquals(1, flows.get("by_dst_ip"));
    }

    @Test
    void rejectsMalformedAttackSizesWithExitTwo() throws Exception {
        CliRun bad = CliRun.run("pcapgen", "--scan", "7x30", "-o", dir.resolve("x.pcap").toString());
        assertEquals(ExitCodes.USAGE, bad.exitCode());
        assertTrue(bad.err().contains("--scan must be two whole numbers from 1 to 1000000 as A:B, e.g. 40:200, got "
                + "'7x30'"), bad.err());
        CliRun both = CliRun.run("pcapgen", "--scan", "1:1", "--fan-in", "1:1", "-o", dir.resolve("y").toString());
        assertEquals(ExitCodes.USAGE, both.exitCode());
        assertTrue(both.err().contains("give --scan or --fan-in, not both"), both.err());
        CliRun many = CliRun.run("pcapgen", "--scan", "300:1", "-o", dir.resolve("z").toString());
        assertEquals(ExitCodes.USAGE, many.exitCode());
        assertTrue(Files.notExists(dir.resolve("z")));
    }
}
