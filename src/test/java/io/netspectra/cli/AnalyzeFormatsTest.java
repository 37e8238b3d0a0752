package io.netspectra.cli;

import io.netspectra.report.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code analyze --format csv} and {@code --format ndjson} carry the JSON report's row fields. */
class AnalyzeFormatsTest {

    @Test
    void printsCsvWithAHeaderRowAndEveryKeyField() {
        CliRun r = CliRun.run("analyze", "-q", "--no-snapshots", "--format", "csv", "--top", "3",
                SnapshotFixture.SAMPLE.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        Golden.assertMatches("analyze-csv.txt", r.out());
    }

    @Test
    void printsOneJsonObjectPerRow() {
        CliRun r = CliRun.run("analyze", "-q", "--no-snapshots", "--format", "ndjson", "--top", "2",
                SnapshotFixture.SAMPLE.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        Golden.assertMatches("analyze-ndjson.txt", r.out());
    }

    @Test
    void csvAndNdjsonHoldExactlyTheJsonReportRows() {
        String sample = SnapshotFixture.SAMPLE.toString();
        Map<String, Object> json = Json.object(CliRun.run("analyze", "-q", "--no-snapshots", "--format", "json",
                sample).out());
        List<Map<String, Object>> expected = new ArrayList<>();
        for (Object t : (List<?>) json.get("tasks")) {
            Map<?, ?> task = (Map<?, ?>) t;
            for (Object row : (List<?>) task.get("rows")) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("task", task.get("name"));
                m.putAll(cast(row));
                expected.add(m);
            }
        }
        List<Map<String, Object>> ndjson = new ArrayList<>();
        for (String line : CliRun.run("analyze", "-q", "--no-snapshots", "--format", "ndjson", sample).out()
                .split("\n")) {
            ndjson.add(Json.object(line));
        }
        assertEquals(expected, ndjson);

        List<String> csv = CliRun.run("analyze", "-q", "--no-snapshots", "--format", "csv", sample).out().lines()
                .toList();
        assertEquals("task,SrcIP,DstIP,SrcPort,DstPort,Protocol,packets,bytes,first,last,duration", csv.get(0));
        assertEquals(expected.size() + 1, csv.size());
        for (int i = 0; i < expected.size(); i++) {
            Map<String, Object> e = expected.get(i);
            Map<String, Object> key = cast(e.get("key"));
            String[] cells = csv.get(i + 1).split(",", -1);
            assertEquals(e.get("task"), cells[0]);
            String[] labels = {"SrcIP", "DstIP", "SrcPort", "DstPort", "Protocol"};
            for (int f = 0; f < labels.length; f++) {
                assertEquals(key.containsKey(labels[f]) ? String.valueOf(key.get(labels[f])) : "", cells[1 + f]);
            }
            assertEquals(String.valueOf(e.get("packets")), cells[6]);
            assertEquals(String.valueOf(e.get("bytes")), cells[7]);
            assertEquals(String.valueOf(e.get("first")), cells[8]);
            assertEquals(String.valueOf(e.get("duration")), cells[10]);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
