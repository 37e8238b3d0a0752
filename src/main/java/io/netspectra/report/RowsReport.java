package io.netspectra.report;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.config.KeyField;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.netspectra.report.Numerals.duration;
import static io.netspectra.report.Numerals.grouped;

/**
 * Renders rows of one or more tasks as a table, CSV, one JSON document or NDJSON. Every format carries the fields of
 * the analyze JSON report's rows (the key fields, packets, bytes, first, last, duration); rows from stored windows
 * add the window bounds.
 */
public final class RowsReport {
    /** The format tag of {@code show --format json}. */
    public static final String SHOW_FORMAT = "netspectra-show/1";
    private static final List<KeyField> ALL_FIELDS = List.of(KeyField.values());

    private RowsReport() {
    }

    /**
     * Writes CSV (RFC 4180, LF line ends) to {@code out} as it goes, never whole in memory: a header row, {@code task},
     * all five key fields (empty when the task does not key on one), packets, bytes, first, last, duration (empty when
     * unknown), and for windowed rows {@code window_start} and {@code window_end}; then connections tasks' rows after
     * the flow rows, when there are any, every row then having the columns {@link ConnectionsReport#CSV_EXTRA} (empty
     * for flow rows).
     */
    public static void writeCsv(PrintWriter out, List<RowSet> sets, List<ConnectionSet> connections) {
        ReportText text = new ReportText(out);
        boolean withConnections = !connections.isEmpty();
        boolean windowed = !sets.isEmpty() ? sets.get(0).windowed()
                : withConnections && connections.get(0).windowed();
        StringBuilder sb = text.buffer();
        sb.append("task");
        for (KeyField f : ALL_FIELDS) {
            sb.append(',').append(f.label());
        }
        sb.append(",packets,bytes,first,last,duration");
        if (windowed) {
            sb.append(",window_start,window_end");
        }
        if (withConnections) {
            sb.append(ConnectionsReport.CSV_EXTRA);
        }
        sb.append('\n');
        for (RowSet set : sets) {
            FlowRows rows = set.rows();
            for (int r : set.order()) {
                sb.append(csvCell(rows.task().name()));
                for (KeyField f : ALL_FIELDS) {
                    sb.append(',');
                    if (rows.task().has(f)) {
                        sb.append(KeyText.text(rows, r, f));
                    }
                }
                sb.append(',').append(rows.packets(r)).append(',').append(rows.bytes(r));
                boolean timed = rows.first(r) != FlowTable.NO_FIRST;
                sb.append(',').append(timed ? TimeText.format(rows.first(r)) : "");
                sb.append(',').append(timed ? TimeText.format(rows.last(r)) : "");
                sb.append(',').append(timed ? TimeText.format(rows.last(r) - rows.first(r)) : "");
                if (windowed) {
                    sb.append(',').append(TimeText.format(set.windowStart()));
                    sb.append(',').append(TimeText.format(set.windowEnd()));
                }
                if (withConnections) {
                    sb.append(",,,,,,,,");
                }
                sb.append('\n');
                text.rowDone();
            }
        }
        ConnectionsReport.csv(sb, connections, windowed, text::rowDone);
        text.finish();
    }

    /**
     * Writes one compact JSON object per line to {@code out} as it goes ({@code task}, {@code key}, the metrics, and
     * window bounds), then one line per connection ({@code "type": "connections"}).
     */
    public static void writeNdjson(PrintWriter out, List<RowSet> sets, List<ConnectionSet> connections) {
        ReportText text = new ReportText(out);
        StringBuilder sb = text.buffer();
        for (RowSet set : sets) {
            for (int r : set.order()) {
                JsonWriter j = new JsonWriter(sb, false);
                j.beginObject();
                j.field("task", set.rows().task().name());
                row(j, set, r);
                j.endObject();
                sb.append('\n');
                text.rowDone();
            }
        }
        ConnectionsReport.ndjson(sb, connections, text::rowDone);
        text.finish();
    }

    /**
     * Writes one {@code netspectra-show/1} document to {@code out} as it goes: per task its key fields, flows, windows
     * and rows; a {@code "connections"} array after {@code "tasks"} when there are any, then a {@code sketches} array
     * when {@code sketches} is not empty.
     */
    public static void writeJson(PrintWriter out, List<RowSet> sets, List<ConnectionSet> connections,
                                 List<io.netspectra.sketch.SketchRows> sketches) {
        ReportText text = new ReportText(out);
        StringBuilder sb = text.buffer();
        JsonWriter j = new JsonWriter(sb, true);
        j.beginObject();
        j.field("format", SHOW_FORMAT);
        j.name("tasks").beginArray();
        for (RowSet set : sets) {
            j.beginObject();
            j.field("name", set.rows().task().name());
            j.name("key_fields").beginArray();
            for (KeyField f : set.rows().task().keyFields()) {
                j.value(f.label());
            }
            j.endArray();
            j.field("flows", set.rows().size());
            if (set.windowed()) {
                j.field("windows", set.windows());
                j.field("window_start", TimeText.format(set.windowStart()));
                j.field("window_end", TimeText.format(set.windowEnd()));
            }
            j.name("rows").beginArray();
            for (int r : set.order()) {
                j.beginObject();
                row(j, set, r);
                j.endObject();
                text.rowDone();
            }
            j.endArray();
            j.endObject();
        }
        j.endArray();
        if (!connections.isEmpty()) {
            ConnectionsReport.json(j, connections, text::rowDone);
        }
        SketchReport.json(j, sketches, text::rowDone);
        j.endObject();
        sb.append('\n');
        text.finish();
    }

    private static void row(JsonWriter j, RowSet set, int r) {
        JsonReport.rowFields(j, set.rows(), r);
        if (set.windowed()) {
            j.field("window_start", TimeText.format(set.windowStart()));
            j.field("window_end", TimeText.format(set.windowEnd()));
        }
    }

    /**
     * Returns aligned text: per task a heading (keys, windows and their span) and its rows with the key fields,
     * packets, bytes, first time (UTC), last time (UTC) and duration.
     */
    public static String table(List<RowSet> sets, String orderName) {
        return table(sets, List.of(), orderName);
    }

    /** Returns the text of {@link #table(List, String)}, then each connections task's section. */
    public static String table(List<RowSet> sets, List<ConnectionSet> connections, String orderName) {
        StringBuilder sb = new StringBuilder();
        for (RowSet set : sets) {
            FlowRows rows = set.rows();
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(rows.task().name()).append(": ").append(grouped(rows.size())).append(" keys");
            if (set.order().length < rows.size()) {
                sb.append(", top ").append(set.order().length).append(" by ").append(orderName);
            }
            if (set.windowed()) {
                sb.append("; ").append(set.windows()).append(set.windows() == 1 ? " window " : " windows ")
                        .append(instant(set.windowStart())).append(" .. ").append(instant(set.windowEnd()));
            }
            sb.append('\n');
            if (set.order().length > 0) {
                table(sb, lines(set), rows.task().keyFields().size());
            }
        }
        if (!connections.isEmpty()) {
            int mark = sb.length();
            ConnectionsReport.table(sb, connections, orderName);
            if (mark == 0) {
                sb.deleteCharAt(0);
            }
        }
        return sb.toString();
    }

    private static List<String[]> lines(RowSet set) {
        FlowRows rows = set.rows();
        List<KeyField> fields = rows.task().keyFields();
        List<String[]> lines = new ArrayList<>();
        String[] header = new String[fields.size() + 5];
        for (int i = 0; i < fields.size(); i++) {
            header[i] = fields.get(i).label();
        }
        int m = fields.size();
        header[m] = "packets";
        header[m + 1] = "bytes";
        header[m + 2] = "first";
        header[m + 3] = "last";
        header[m + 4] = "duration";
        lines.add(header);
        for (int r : set.order()) {
            String[] line = new String[header.length];
            for (int i = 0; i < m; i++) {
                line[i] = KeyText.text(rows, r, fields.get(i));
            }
            boolean timed = rows.first(r) != FlowTable.NO_FIRST;
            line[m] = grouped(rows.packets(r));
            line[m + 1] = grouped(rows.bytes(r));
            line[m + 2] = timed ? instant(rows.first(r)) : "-";
            line[m + 3] = timed ? instant(rows.last(r)) : "-";
            line[m + 4] = timed ? duration(rows.last(r) - rows.first(r)) : "-";
            lines.add(line);
        }
        return lines;
    }

    private static void table(StringBuilder sb, List<String[]> lines, int firstNumeric) {
        int cols = lines.get(0).length;
        TextColumns.append(sb, lines, c -> (c >= firstNumeric && c < firstNumeric + 2) || c == cols - 1);
    }

    private static String instant(long nanos) {
        return Instant.ofEpochSecond(0, nanos).toString();
    }

    static String csvCell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
