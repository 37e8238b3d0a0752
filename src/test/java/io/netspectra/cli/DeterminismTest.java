package io.netspectra.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The JSON report depends only on the input and the config: not on the worker count, nor on how the input is cut
 * into capture-clock windows.
 */
class DeterminismTest {

    @ParameterizedTest
    @ValueSource(strings = {"ndpi_sites.pcapng", "suricata_dnp3-flood.pcap", "zeek_ipv6-http-atomic-frag.pcap",
        "gopacket_be_test100.pcapng", "suricata_bug-1450-04.pcap", "ndpi_whatsapp_login_call.pcap"})
    @Timeout(120)
    void jsonReportIsIdenticalAtAnyWorkerCountAndSnapshotInterval(String name) {
        Path capture = CliRun.realCaptures().resolve(name);
        Assumptions.assumeTrue(Files.exists(capture), "missing " + capture);
        String reference = null;
        for (String workers : new String[] {"1", "2", "4"}) {
            for (String interval : new String[] {"0", "1s", "30s"}) {
                CliRun run = CliRun.run("analyze", "--format", "json", "--no-snapshots", "-q", "--allow-damaged",
                        "--workers", workers, "--snapshot-interval", interval, capture.toString());
                assertEquals(ExitCodes.OK, run.exitCode(), run.err());
                if (reference == null) {
                    reference = run.out();
                } else {
                    assertEquals(reference, run.out(), "workers " + workers + ", interval " + interval);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ndpi_sites.pcapng", "suricata_dnp3-flood.pcap", "zeek_ipv6-http-atomic-frag.pcap"})
    @Timeout(120)
    void timeBinsAreIdenticalAtAnyWorkerCountAndSnapshotInterval(String name) {
        Path capture = CliRun.realCaptures().resolve(name);
        Assumptions.assumeTrue(Files.exists(capture), "missing " + capture);
        String reference = null;
        for (String workers : new String[] {"1", "2", "4"}) {
            for (String interval : new String[] {"0", "1s", "30s"}) {
                CliRun run = CliRun.run("analyze", "--bin", "1s", "--format", "json", "--no-snapshots", "-q",
                        "--allow-damaged", "--workers", workers, "--snapshot-interval", interval, capture.toString());
                assertEquals(ExitCodes.OK, run.exitCode(), run.err());
                if (reference == null) {
                    reference = run.out();
                    org.junit.jupiter.api.Assertions.assertTrue(reference.contains("\"bins\": ["), reference);
                } else {
                    assertEquals(reference, run.out(), "workers " + workers + ", interval " + interval);
                }
            }
        }
    }
}
