package io.netspectra.report;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;
import io.netspectra.config.TaskType;
import io.netspectra.sketch.Estimate;
import io.netspectra.sketch.SketchRows;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

import static io.netspectra.report.Numerals.grouped;

/**
 * Renders sketch results (distinct counts, cardinalities, heavy hitters) beside the exact flows: a table section, a
 * {@code sketches} JSON array, extra CSV columns and rows, or NDJSON lines. Every row carries its estimate and bounds.
 * Nothing is rendered when there are no sketches, so reports of configs without them are unchanged.
 */
public final class SketchReport {
    private static final List<KeyField> ALL_FIELDS = List.of(KeyField.values());
    /** The columns {@link #csv} appends to the flows CSV header. */
    static final String CSV_COLUMNS = ",metric,estimate,lower_bound,upper_bound,exact";
    /** Empty cells under {@link #CSV_COLUMNS}, for a flow or connection row. */
    private static final String CSV_EMPTY = ",".repeat((int) CSV_COLUMNS.chars().filter(c -> c == ',').count());

    private SketchReport() {
    }

    /** Returns the table sections, each preceded by a blank line. */
    public static String table(List<SketchRows> sketches) {
        StringBuilder sb = new StringBuilder();
        for (SketchRows s : sketches) {
            sb.append('\n').append(heading(s)).append('\n');
            if (s.size() == 0) {
                continue;
            }
            List<KeyField> fields = s.keyFields();
            List<String[]> lines = new ArrayList<>();
            String[] header = new String[fields.size() + 4];
            for (int i = 0; i < fields.size(); i++) {
                header[i] = fields.get(i).label();
            }
            int m = fields.size();
            header[m] = s.metric();
            header[m + 1] = "lower";
            header[m + 2] = "upper";
            header[m + 3] = "exact";
            lines.add(header);
            for (int r = 0; r < s.size(); r++) {
                String[] line = new String[header.length];
                for (int i = 0; i < m; i++) {
                    line[i] = KeyText.text(s.keys(), r, fields.get(i));
                }
                Estimate e = s.values().get(r);
                line[m] = grouped(e.estimate());
                line[m + 1] = grouped(e.lower());
                line[m + 2] = grouped(e.upper());
                line[m + 3] = e.exact() ? "yes" : "no";
                lines.add(line);
            }
            TextColumns.append(sb, lines, c -> c >= m && c < m + 3);
        }
        return sb.toString();
    }

    /** Returns one task's heading: name, type, metric, size, method and stored size. */
    static String heading(SketchRows s) {
        TaskSpec t = s.task();
        StringBuilder sb = new StringBuilder(t.name()).append(' ').append(s.metric()).append(" (")
                .append(t.type().label()).append("): ");
        if (t.type() == TaskType.HEAVY_HITTERS) {
            sb.append("top ").append(s.size()).append(" of ").append(grouped(s.tracked())).append(" tracked keys by ")
                    .append(t.sketch().weight().label()).append(" of ").append(grouped(s.total()))
                    .append(", max error ").append(grouped(s.maxError()))
                    .append("; frequent items, lg_k ").append(t.sketch().lgK());
        } else {
            if (t.type() == TaskType.FLOWS) {
                sb.append(grouped(s.tracked())).append(" keys");
                if (s.size() < s.tracked()) {
                    sb.append(", top ").append(s.size()).append(" by estimate");
                }
                sb.append("; ");
            }
            sb.append("exact up to ").append(grouped(t.sketch().exactLimit())).append(", then HyperLogLog lg_k ")
                    .append(t.sketch().lgK()).append(" (bounds: 2 standard deviations)");
        }
        return sb.append("; ").append(grouped(s.bytes())).append(" bytes stored").toString();
    }

    /**
     * Writes a sketched task's type and options into its open manifest object (nothing for a plain flows task, so
     * manifests of configs without sketches are unchanged).
     */
    static void manifestOptions(JsonWriter j, TaskSpec t) {
        if (!t.sketched()) {
            return;
        }
        j.field("type", t.type().label());
        if (!t.sketch().distinct().isEmpty()) {
            j.name("distinct").beginArray();
            for (KeyField f : t.sketch().distinct()) {
                j.value(f.label());
            }
            j.endArray();
        }
        j.field("lg_k", t.sketch().lgK());
        if (t.type() == TaskType.HEAVY_HITTERS) {
            j.field("k", t.sketch().k());
            j.field("weight", t.sketch().weight().label());
        } else {
            j.field("exact_limit", t.sketch().exactLimit());
        }
    }

    /**
     * Writes the {@code sketches} array field into an open JSON object, nothing when there are none, running
     * {@code rowDone} after each row (to hand streamed text on).
     */
    static void json(JsonWriter j, List<SketchRows> sketches, Runnable rowDone) {
        if (sketches.isEmpty()) {
            return;
        }
        j.name("sketches").beginArray();
        for (SketchRows s : sketches) {
            TaskSpec t = s.task();
            j.beginObject();
            j.field("name", t.name());
            j.field("type", t.type().label());
            j.name("key_fields").beginArray();
            for (KeyField f : s.keyFields()) {
                j.value(f.label());
            }
            j.endArray();
            j.field("metric", s.metric());
            j.field("lg_k", t.sketch().lgK());
            if (t.type() == TaskType.HEAVY_HITTERS) {
                j.field("k", t.sketch().k());
                j.field("weight", t.sketch().weight().label());
                j.field("total", s.total());
                j.field("max_error", s.maxError());
            } else {
                j.field("exact_limit", t.sketch().exactLimit());
            }
            j.field("keys", s.tracked());
            j.field("stored_bytes", s.bytes());
            j.name("rows").beginArray();
            for (int r = 0; r < s.size(); r++) {
                j.beginObject();
                rowFields(j, s, r);
                j.endObject();
                rowDone.run();
            }
            j.endArray();
            j.endObject();
        }
        j.endArray();
    }

    /**
     * Writes one compact JSON object per sketch row to {@code out} as it goes: task, type, metric, key, estimate,
     * bounds, exact.
     */
    public static void writeNdjson(PrintWriter out, List<SketchRows> sketches) {
        ReportText text = new ReportText(out);
        StringBuilder sb = text.buffer();
        for (SketchRows s : sketches) {
            for (int r = 0; r < s.size(); r++) {
                JsonWriter j = new JsonWriter(sb, false);
                j.beginObject();
                j.field("task", s.task().name());
                j.field("type", s.task().type().label());
                j.field("metric", s.metric());
                rowFields(j, s, r);
                j.endObject();
                sb.append('\n');
                text.rowDone();
            }
        }
        text.finish();
    }

    /**
     * Writes the CSV of {@link RowsReport#writeCsv} to {@code out} as it goes, with the sketch columns
     * {@value #CSV_COLUMNS} appended (empty on flow and connection rows, widened on their way through) and then one
     * row per sketch row (the flow columns after the key empty); unchanged when there are no sketches.
     */
    public static void writeCsv(PrintWriter out, List<RowSet> sets, List<ConnectionSet> connections,
                                List<SketchRows> sketches) {
        if (sketches.isEmpty()) {
            RowsReport.writeCsv(out, sets, connections);
            return;
        }
        Widened widened = new Widened(out);
        PrintWriter through = new PrintWriter(widened);
        RowsReport.writeCsv(through, sets, connections);
        through.flush();
        ReportText text = new ReportText(out);
        sketchRows(text, widened.headerCommas, sketches);
        text.finish();
    }

    /**
     * Passes CSV text on, appending the sketch columns to its first line (the header) and {@link #CSV_EMPTY} to every
     * other line.
     */
    private static final class Widened extends Writer {
        private final PrintWriter out;
        private boolean header = true;
        private int headerCommas;

        Widened(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(char[] text, int off, int len) {
            int start = off;
            for (int i = off; i < off + len; i++) {
                char c = text[i];
                if (header && c == ',') {
                    headerCommas++;
                }
                if (c == '\n') {
                    out.write(text, start, i - start);
                    out.write(header ? CSV_COLUMNS : CSV_EMPTY);
                    out.write('\n');
                    header = false;
                    start = i + 1;
                }
            }
            out.write(text, start, off + len - start);
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }

    /** Appends one CSV row per sketch row after a flows header of {@code headerCommas} commas. */
    private static void sketchRows(ReportText text, int headerCommas, List<SketchRows> sketches) {
        StringBuilder sb = text.buffer();
        int flowCells = headerCommas - ALL_FIELDS.size();
        for (SketchRows s : sketches) {
            for (int r = 0; r < s.size(); r++) {
                sb.append(s.task().name());
                for (KeyField f : ALL_FIELDS) {
                    sb.append(',');
                    if (s.keyFields().contains(f)) {
                        sb.append(KeyText.text(s.keys(), r, f));
                    }
                }
                Estimate e = s.values().get(r);
                sb.append(",".repeat(flowCells + 1)).append(s.metric()).append(',').append(e.estimate()).append(',')
                        .append(e.lower()).append(',').append(e.upper()).append(',').append(e.exact()).append('\n');
                text.rowDone();
            }
        }
    }

    private static void rowFields(JsonWriter j, SketchRows s, int r) {
        FlowRows keys = s.keys();
        j.name("key").beginObject();
        for (KeyField f : s.keyFields()) {
            if (KeyText.isNumeric(f)) {
                j.field(f.label(), KeyText.number(keys, r, f));
            } else {
                j.field(f.label(), KeyText.text(keys, r, f));
            }
        }
        j.endObject();
        Estimate e = s.values().get(r);
        j.field("estimate", e.estimate());
        j.field("lower_bound", e.lower());
        j.field("upper_bound", e.upper());
        j.field("exact", e.exact());
    }
}
