package io.netspectra.diff;

import io.netspectra.NetSpectraException.ConfigException;
import io.netspectra.NetSpectraException.InputException;
import io.netspectra.config.KeyField;
import io.netspectra.query.Instants;
import io.netspectra.query.Metric;
import io.netspectra.query.SummedTask;
import io.netspectra.query.WindowSums;
import io.netspectra.report.JsonReader;
import io.netspectra.report.JsonReport;
import io.netspectra.store.SnapshotFolders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one side of a diff: a folder is read as snapshots (all windows summed), a file as an {@code analyze --format
 * json} report. Anything else, or a report cut short with {@code --top}, is an {@link InputException} (exit 3).
 */
public final class DiffInputs {
    private DiffInputs() {
    }

    /** Returns every task of {@code path}, in the order the input lists them. */
    public static List<KeyedCounts> load(Path path) {
        if (Files.isRegularFile(path) && !path.getFileName().toString().equals("flows.nss")) {
            return report(path);
        }
        List<KeyedCounts> out = new ArrayList<>();
        for (SummedTask t : WindowSums.sum(SnapshotFolders.readAll(path), null, WindowSums.UNBOUNDED_FROM,
                WindowSums.UNBOUNDED_TO)) {
            out.add(KeyedCounts.of(t.rows()));
        }
        return out;
    }

    private static List<KeyedCounts> report(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(path + ": cannot read: " + e.getMessage(), e);
        }
        Map<String, Object> doc = JsonReader.object(path.toString(), text);
        if (!JsonReport.FORMAT.equals(doc.get("format"))) {
            throw new InputException(path + ": not an analyze JSON report: format is " + doc.get("format")
                    + ", expected " + JsonReport.FORMAT);
        }
        List<KeyedCounts> out = new ArrayList<>();
        for (Object t : list(path, doc.get("tasks"), "tasks")) {
            out.add(task(path, map(path, t, "a task")));
        }
        return out;
    }

    private static KeyedCounts task(Path path, Map<String, Object> t) {
        String name = String.valueOf(t.get("name"));
        List<KeyField> fields = new ArrayList<>();
        for (Object f : list(path, t.get("key_fields"), "key_fields")) {
            KeyField k = KeyField.byLabel(String.valueOf(f));
            if (k == null) {
                throw new InputException(path + ": task " + name + ": unknown key field " + f);
            }
            fields.add(k);
        }
        List<Object> rows = list(path, t.get("rows"), "rows");
        if (t.get("flows") instanceof Long flows && flows != rows.size()) {
            throw new InputException(path + ": task " + name + " lists " + rows.size() + " of " + flows
                    + " keys (made with --top?); diff needs a report with every key");
        }
        Map<String, KeyedCounts.Row> m = new LinkedHashMap<>();
        for (Object o : rows) {
            Map<String, Object> row = map(path, o, "a row");
            Map<String, Object> key = map(path, row.get("key"), "a key");
            List<String> values = new ArrayList<>();
            for (KeyField f : fields) {
                Object v = key.get(f.label());
                if (v == null) {
                    throw new InputException(path + ": task " + name + ": a row's key lacks " + f.label());
                }
                values.add(String.valueOf(v));
            }
            long[] metrics = new long[Metric.values().length];
            metrics[Metric.PACKETS.ordinal()] = number(path, row.get("packets"), "packets");
            metrics[Metric.BYTES.ordinal()] = number(path, row.get("bytes"), "bytes");
            metrics[Metric.DURATION.ordinal()] = duration(path, row.get("duration"));
            metrics[Metric.FLOWS.ordinal()] = 1;
            m.put(KeyedCounts.keyText(fields, values), new KeyedCounts.Row(List.copyOf(values), metrics));
        }
        return new KeyedCounts(name, fields, m);
    }

    private static long duration(Path path, Object o) {
        if (o == null) {
            return 0;
        }
        try {
            return Instants.parseNanos("duration", String.valueOf(o));
        } catch (ConfigException e) {
            throw new InputException(path + ": bad duration " + o + " in a row");
        }
    }

    private static long number(Path path, Object o, String what) {
        if (o instanceof Long n) {
            return n;
        }
        throw new InputException(path + ": expected a whole number for " + what + ", found " + o);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Path path, Object o, String what) {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new InputException(path + ": expected a list for " + what);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Path path, Object o, String what) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new InputException(path + ": expected an object for " + what);
    }
}
