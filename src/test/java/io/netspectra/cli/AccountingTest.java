package io.netspectra.cli;

import io.netspectra.report.Json;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every packet read is accounted for: read = aggregated + skipped (non-IP, undecodable link type) + filtered out
 * (0 without --filter; {@code AnalyzeFilterTest} checks it with one), the aggregated
 * count is what every task's rows hold, and a damaged input reports the bytes it could not read.
 */
class AccountingTest {
    @TestFactory
    Stream<DynamicTest> everyRealCaptureAccountsForEveryPacketRead() throws IOException {
        List<Path> captures = CliRun.realCaptureFiles();
        assertEquals(46, captures.size(), "number of real captures");
        return captures.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    @SuppressWarnings("unchecked")
    private static void check(Path capture) throws IOException {
        CliRun run = CliRun.run("analyze", "--format", "json", "--no-snapshots", "-q", capture.toString());
        Map<String, Object> report = Json.object(run.out());
        Map<String, Object> acc = (Map<String, Object>) report.get("accounting");
        Map<String, Object> skipped = (Map<String, Object>) acc.get("skipped");
        long read = number(acc.get("read"));
        long aggregated = number(acc.get("aggregated"));
        long filteredOut = number(acc.get("filtered_out"));
        assertEquals(0, filteredOut, "filtered_out without --filter");
        assertEquals(read, aggregated + number(skipped.get("non_ip")) + number(skipped.get("undecodable_link_type"))
                + filteredOut, "read = aggregated + skipped + filtered_out");
        Map<String, Object> totals = (Map<String, Object>) report.get("totals");
        assertEquals(number(totals.get("packets")), read - filteredOut, "read = totals.packets + filtered_out");
        List<Map<String, Object>> inputs = (List<Map<String, Object>>) report.get("inputs");
        assertEquals(read, inputs.stream().mapToLong(i -> number(i.get("packets"))).sum(), "read = inputs' packets");
        for (Map<String, Object> task : (List<Map<String, Object>>) report.get("tasks")) {
            long rows = ((List<Map<String, Object>>) task.get("rows")).stream()
                    .mapToLong(r -> number(r.get("packets"))).sum();
            assertEquals(aggregated, rows, "aggregated = rows of task " + task.get("name"));
        }
        Map<String, Object> input = inputs.get(0);
        Map<String, Object> damaged = (Map<String, Object>) acc.get("damaged");
        if ((Boolean) input.get("damaged")) {
            long unread = Files.size(capture) - number(input.get("damage_offset"));
            assertEquals(unread, number(input.get("unread_bytes")), "unread bytes = file size - damage offset");
            assertEquals(List.of(1L, unread),
                    List.of(number(damaged.get("inputs")), number(damaged.get("unread_bytes"))));
        } else {
            assertEquals(List.of(0L, 0L), List.of(number(damaged.get("inputs")), number(damaged.get("unread_bytes"))));
        }
    }

    @Test
    void tableReportStatesTheAccountingAndTheUnreadBytesOfADamagedInput(@TempDir Path tmp) throws IOException {
        Path capture = AnalyzeInputsTest.generate(tmp.resolve("c.pcap"), 200, 1, 1_709_294_400_000_000_000L);
        byte[] bytes = Files.readAllBytes(capture);
        Path cut = Files.write(tmp.resolve("cut.pcap"), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        CliRun run = CliRun.run("analyze", "--no-snapshots", "-q", "--allow-damaged", cut.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        Map<String, Object> json = Json.object(CliRun.run("analyze", "--format", "json", "--no-snapshots", "-q",
                "--allow-damaged", cut.toString()).out());
        @SuppressWarnings("unchecked")
        Map<String, Object> acc = (Map<String, Object>) json.get("accounting");
        @SuppressWarnings("unchecked")
        Map<String, Object> skipped = (Map<String, Object>) acc.get("skipped");
        String line = String.format(java.util.Locale.ROOT, "accounting   read %,d = aggregated %,d + non-IP %,d "
                + "+ undecodable 0 packets%n", number(acc.get("read")), number(acc.get("aggregated")),
                number(skipped.get("non_ip")));
        assertTrue(run.out().contains(line), run.out());
        assertTrue(run.out().matches("(?s).*damaged      1 of 1 inputs, [0-9,]+ bytes unread after the damage\n.*"),
                run.out());
    }

    private static long number(Object o) {
        return ((Number) o).longValue();
    }
}
