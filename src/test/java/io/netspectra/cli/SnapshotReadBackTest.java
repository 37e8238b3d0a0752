package io.netspectra.cli;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.config.KeyField;
import io.netspectra.report.Json;
import io.netspectra.report.KeyText;
import io.netspectra.report.TimeText;
import io.netspectra.store.RunWriter;
import io.netspectra.store.SnapshotReader;
import io.netspectra.store.StoredWindow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading back a run's snapshot files and summing the windows gives the report's rows exactly. */
class SnapshotReadBackTest {

    @ParameterizedTest
    @CsvSource({"ndpi_whatsapp_login_call.pcap, true", "ndpi_sites.pcapng, false"})
    void summedSnapshotWindowsEqualTheReportRows(String name, boolean monotonic, @TempDir Path out)
            throws IOException {
        Path capture = CliRun.realCaptures().resolve(name);
        CliRun run = CliRun.run("analyze", "--format", "json", "-q", "-o", out.toString(),
                "--snapshot-interval", "1s", capture.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        Path runDir;
        try (Stream<Path> s = Files.list(out)) {
            runDir = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertTrue(Files.exists(runDir.resolve(RunWriter.MANIFEST_FILE)), "manifest written");

        List<StoredWindow> windows = new SnapshotReader().readAll(runDir);
        long windowDirs;
        try (Stream<Path> s = Files.list(runDir)) {
            windowDirs = s.filter(Files::isDirectory).count();
        }
        assertTrue(windowDirs > 1, "a 1s interval cuts this capture into several windows, got " + windowDirs);

        Map<String, Map<String, String>> fromSnapshots = new TreeMap<>();
        for (StoredWindow w : windows) {
            Map<String, String> rows = fromSnapshots.computeIfAbsent(w.rows().task().name(), k -> new TreeMap<>());
            FlowRows r = w.rows();
            for (int i = 0; i < r.size(); i++) {
                if (monotonic) {
                    assertTrue(r.first(i) >= w.windowStart() && r.last(i) < w.windowEnd(),
                            "packet times lie in their window");
                } else {
                    assertTrue(r.last(i) < w.windowEnd(), "late packets stay in the current window, none leaks early");
                }
                rows.merge(key(r, i), stats(r.packets(i), r.bytes(i), r.first(i), r.last(i)), SnapshotReadBackTest::add);
            }
        }
        Map<String, Map<String, String>> fromReport = new TreeMap<>();
        for (Map<String, Object> task : list(Json.object(run.out()).get("tasks"))) {
            Map<String, String> rows = new TreeMap<>();
            for (Map<String, Object> row : list(task.get("rows"))) {
                Map<String, Object> key = map(row.get("key"));
                rows.put(String.join("|", key.values().stream().map(String::valueOf).toList()),
                        row.get("packets") + " " + row.get("bytes") + " " + row.get("first") + " " + row.get("last"));
            }
            fromReport.put((String) task.get("name"), rows);
        }
        Map<String, Map<String, String>> rendered = new TreeMap<>();
        fromSnapshots.forEach((task, rows) -> {
            Map<String, String> m = new TreeMap<>();
            rows.forEach((k, v) -> m.put(k, render(v)));
            rendered.put(task, m);
        });
        assertEquals(fromReport, rendered);
    }

    private static String key(FlowRows r, int i) {
        StringBuilder sb = new StringBuilder();
        for (KeyField f : r.task().keyFields()) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(KeyText.text(r, i, f));
        }
        return sb.toString();
    }

    private static String stats(long packets, long bytes, long first, long last) {
        return packets + " " + bytes + " " + first + " " + last;
    }

    private static String add(String a, String b) {
        long[] x = parse(a);
        long[] y = parse(b);
        return stats(x[0] + y[0], x[1] + y[1], Math.min(x[2], y[2]), Math.max(x[3], y[3]));
    }

    private static long[] parse(String s) {
        String[] p = s.split(" ");
        return new long[] {Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3])};
    }

    private static String render(String s) {
        long[] x = parse(s);
        return x[0] + " " + x[1] + " " + (x[2] == FlowTable.NO_FIRST ? "null" : TimeText.format(x[2])) + " "
                + (x[2] == FlowTable.NO_FIRST ? "null" : TimeText.format(x[3]));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

}
