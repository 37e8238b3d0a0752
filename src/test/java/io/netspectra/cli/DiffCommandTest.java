package io.netspectra.cli;

import io.netspectra.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DiffCommandTest {

    /** Writes a deterministic synthetic capture of {@code packets} packets (seed 1) and returns it. */
    static Path generated(Path dir, int packets) {
        Path file = dir.resolve("gen-" + packets + ".pcap");
        CliRun r = CliRun.run("pcapgen", "-n", Integer.toString(packets), "--seed", "1", "--flows", "50", "-o",
                file.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        return file;
    }

    /** Analyzes {@code capture} into a JSON report file and returns it. */
    static Path report(Path dir, Path capture, String... extra) throws IOException {
        String[] args = new String[5 + extra.length];
        args[0] = "analyze";
        args[1] = "-q";
        args[2] = "--no-snapshots";
        args[3] = "--format=json";
        System.arraycopy(extra, 0, args, 4, extra.length);
        args[args.length - 1] = capture.toString();
        CliRun r = CliRun.run(args);
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        Path file = dir.resolve(capture.getFileName() + "-" + extra.length + ".json");
        Files.writeString(file, r.out());
        return file;
    }

    @Test
    void reportAndSnapshotsOfTheSameCaptureAreEqual(@TempDir Path dir) throws IOException {
        Path report = report(dir, SnapshotFixture.SAMPLE);
        Path run = SnapshotFixture.analyze(dir.resolve("snaps"), "10ms", SnapshotFixture.SAMPLE);
        CliRun r = CliRun.run("diff", report.toString(), run.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        Golden.assertMatches("diff-equal.txt", r.out());
        assertEquals(ExitCodes.OK, CliRun.run("diff", run.toString(), report.toString()).exitCode());
    }

    @Test
    void listsAddedRemovedAndChangedKeysLargestFirstAndExitsFour(@TempDir Path dir) throws IOException {
        Path base = report(dir, generated(dir, 2000));
        Path cur = report(dir, generated(dir, 2400));
        CliRun table = CliRun.run("diff", base.toString(), cur.toString(), "--task", "by_dst_port",
                "--tolerance", "5%");
        assertEquals(ExitCodes.CHECK_FAILED, table.exitCode(), table.err());
        Golden.assertMatches("diff-table.txt", table.out());

        Path junit = dir.resolve("diff.xml");
        CliRun json = CliRun.run("diff", base.toString(), cur.toString(), "--task", "by_protocol", "--metrics",
                "bytes,duration", "--format", "json", "--junit", junit.toString());
        assertEquals(ExitCodes.CHECK_FAILED, json.exitCode(), json.err());
        Golden.assertMatches("diff-json.txt", json.out());
        Golden.assertMatches("diff-junit.xml", Files.readString(junit));
        assertEquals(false, Json.object(json.out()).get("equal"));
    }

    @Test
    void toleranceIsTheRelativeChangePerMetric(@TempDir Path dir) throws IOException {
        Path base = report(dir, generated(dir, 2000));
        Path cur = report(dir, generated(dir, 2020));
        assertEquals(ExitCodes.CHECK_FAILED, CliRun.run("diff", base.toString(), cur.toString(), "--task",
                "by_protocol").exitCode());
        assertEquals(ExitCodes.OK, CliRun.run("diff", base.toString(), cur.toString(), "--task", "by_protocol",
                "--tolerance", "5%").exitCode());
        assertEquals(ExitCodes.OK, CliRun.run("diff", base.toString(), cur.toString(), "--task", "by_protocol",
                "--tolerance", "0.05").exitCode());
    }

    @Test
    void aTaskOnOnlyOneSideIsADifference(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("one.yaml");
        Files.writeString(config, "aggregator:\n  tasks:\n    - {name: by_protocol, key_fields: [Protocol]}\n");
        Path base = report(dir, SnapshotFixture.SAMPLE);
        Path cur = report(dir, SnapshotFixture.SAMPLE, "-c", config.toString());
        CliRun r = CliRun.run("diff", base.toString(), cur.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.err());
        assertTrue(r.out().contains("by_src_ip: task only in baseline (1860 keys)"), r.out());
        assertTrue(r.out().contains("by_protocol: 0 added, 0 removed, 0 changed (6 -> 6 keys)"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--tolerance=-1%", "--tolerance=five", "--metrics=packets,colour", "--metrics=flows",
        "--format=xml"})
    void rejectsBadOptionsWithExitTwo(String option, @TempDir Path dir) throws IOException {
        Path base = report(dir, SnapshotFixture.SAMPLE);
        CliRun r = CliRun.run("diff", base.toString(), base.toString(), option);
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
    }

    @Test
    void rejectsAReportCutWithTopAndMalformedJsonWithExitThree(@TempDir Path dir) throws IOException {
        Path full = report(dir, SnapshotFixture.SAMPLE);
        Path top = report(dir, SnapshotFixture.SAMPLE, "--top", "3");
        CliRun cut = CliRun.run("diff", full.toString(), top.toString());
        assertEquals(ExitCodes.INPUT, cut.exitCode());
        assertTrue(cut.err().contains("lists 3 of 1860 keys (made with --top?)"), cut.err());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"format\": \"netspectra-report/1\", \"tasks\": [1, }");
        CliRun bad = CliRun.run("diff", full.toString(), broken.toString());
        assertEquals(ExitCodes.INPUT, bad.exitCode());
        Golden.assertMatches("diff-bad-json.err", Golden.scrub(bad.err(), dir));

        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"format\": \"something-else\"}");
        CliRun wrong = CliRun.run("diff", full.toString(), other.toString());
        assertEquals(ExitCodes.INPUT, wrong.exitCode());
        assertTrue(wrong.err().contains("not an analyze JSON report"), wrong.err());

        CliRun missing = CliRun.run("diff", full.toString(), dir.resolve("nope").toString());
        assertEquals(ExitCodes.INPUT, missing.exitCode());
    }

    @Test
    void aCorruptSnapshotOnEitherSideIsExitThree(@TempDir Path dir) throws IOException {
        Path report = report(dir, SnapshotFixture.SAMPLE);
        Path run = SnapshotFixture.analyze(dir.resolve("snaps"), "0", SnapshotFixture.SAMPLE);
        Files.writeString(run.resolve("2024-03-01T12-00-00.000000929Z/by_src_ip/flows.nss"), "NSSNAP\r\nbroken");
        CliRun r = CliRun.run("diff", report.toString(), run.toString());
        assertEquals(ExitCodes.INPUT, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("flows.nss: corrupt snapshot: "), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ndpi_ocs.pcap", "zeek_mixed-vlan-mpls.pcap", "ndpi_sites.pcapng"})
    void realCaptureReportEqualsItsSnapshotsAndDiffersFromAnother(String name, @TempDir Path dir)
            throws IOException {
        Path capture = CliRun.realCaptures().resolve(name);
        assumeTrue(Files.exists(capture), "real captures not present: " + capture);
        Path report = report(dir, capture);
        Path run = SnapshotFixture.analyze(dir.resolve("snaps"), "1s", capture);
        CliRun same = CliRun.run("diff", report.toString(), run.toString(), "--metrics", "packets,bytes,duration");
        assertEquals(ExitCodes.OK, same.exitCode(), same.out() + same.err());
        Path other = report(dir, CliRun.realCaptures().resolve("ndpi_vxlan.pcap"));
        CliRun differ = CliRun.run("diff", report.toString(), other.toString(), "--format", "json");
        assertEquals(ExitCodes.CHECK_FAILED, differ.exitCode(), differ.err());
    }
}
