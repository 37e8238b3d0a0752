package io.netspectra.report;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.bins.BinnedTask;
import io.netspectra.bins.Peaks;
import io.netspectra.config.Durations;
import io.netspectra.config.KeyField;


import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.netspectra.report.Numerals.grouped;

/**
 * Renders time bins: each key's peak bin beside the report's rows, and series rows (one per bin and key: bin start,
 * packets, bytes, packets/s, bits/s) as JSON, CSV, NDJSON or a table.
 */
public final class BinsReport {
    /** The format tag of {@code show --bins --format json}. */
    public static final String SHOW_FORMAT = "netspectra-show-bins/1";
    private static final List<KeyField> ALL_FIELDS = List.of(KeyField.values());

    private BinsReport() {
    }

    /** Returns the result for task {@code name}, or null when it is not binned. */
    public static BinnedTask forTask(List<BinnedTask> bins, String name) {
        if (bins == null) {
            return null;
        }
        for (BinnedTask t : bins) {
            if (t.task().name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /**
     * Returns the series rows of the keys among {@code rows}' printed rows {@code order}, in series order (bin start,
     * then bytes and packets descending, then key).
     */
    public static SeriesSet forRows(BinnedTask t, FlowRows rows, int[] order) {
        FlowRows series = t.series();
        Peaks peaks = t.peaks();
        boolean all = order.length == rows.size();
        boolean[] printed = new boolean[peaks.size()];
        for (int r : order) {
            int id = peaks.find(rows, r);
            if (id >= 0) {
                printed[id] = true;
            }
        }
        int[] picked = new int[series.size()];
        int n = 0;
        for (int s = 0; s < series.size(); s++) {
            if (all || printed[peaks.find(series, s)]) {
                picked[n++] = s;
            }
        }
        return new SeriesSet(series, Arrays.copyOf(picked, n), t.binNanos());
    }

    /** Writes {@code "peak": {bin_start, packets, bytes, packets_per_s, bits_per_s}} (null when never binned). */
    static void peak(JsonWriter j, BinnedTask t, FlowRows rows, int r) {
        int id = t.peaks().find(rows, r);
        j.name("peak");
        if (id < 0) {
            j.nullValue();
            return;
        }
        j.beginObject();
        j.field("bin_start", TimeText.format(t.peaks().start(id)));
        j.field("packets", t.peaks().packets(id));
        j.field("bytes", t.peaks().bytes(id));
        j.field("packets_per_s", BinRates.packetsPerSecond(t.peaks().packets(id), t.binNanos()));
        j.field("bits_per_s", BinRates.bitsPerSecond(t.peaks().bytes(id), t.binNanos()));
        j.endObject();
    }

    /** Writes {@code "bins": [...]}: the series entries of {@code set}. */
    static void series(JsonWriter j, SeriesSet set, Runnable rowDone) {
        j.name("bins").beginArray();
        for (int s : set.order()) {
            j.beginObject();
            entry(j, set, s);
            j.endObject();
            rowDone.run();
        }
        j.endArray();
    }

    /** Returns the peak's table cells: bin start (ISO-8601), packets/s, bits/s; "-" when never binned. */
    static String[] peakCells(BinnedTask t, FlowRows rows, int r) {
        int id = t.peaks().find(rows, r);
        if (id < 0) {
            return new String[] {"-", "-", "-"};
        }
        return new String[] {Instant.ofEpochSecond(0, t.peaks().start(id)).toString(),
            BinRates.grouped(BinRates.packetsPerSecond(t.peaks().packets(id), t.binNanos())),
            BinRates.grouped(BinRates.bitsPerSecond(t.peaks().bytes(id), t.binNanos()))};
    }

    /** Returns the bin length as config text, e.g. {@code 1s}. */
    static String binText(long binNanos) {
        return Durations.format(binNanos);
    }

    /**
     * Writes CSV (RFC 4180, LF line ends) to {@code out} as it goes, so a long series is never one string:
     * {@code task}, all five key fields (empty when the task does not key on one), {@code bin_start, packets, bytes,
     * packets_per_s, bits_per_s}.
     */
    public static void writeCsv(PrintWriter out, List<SeriesSet> sets) {
        ReportText text = new ReportText(out);
        StringBuilder sb = text.buffer().append("task");
        for (KeyField f : ALL_FIELDS) {
            sb.append(',').append(f.label());
        }
        sb.append(",bin_start,packets,bytes,packets_per_s,bits_per_s\n");
        for (SeriesSet set : sets) {
            FlowRows rows = set.series();
            for (int s : set.order()) {
                sb.append(csvCell(rows.task().name()));
                for (KeyField f : ALL_FIELDS) {
                    sb.append(',');
                    if (rows.task().has(f)) {
                        sb.append(KeyText.text(rows, s, f));
                    }
                }
                sb.append(',').append(TimeText.format(rows.first(s)));
                sb.append(',').append(rows.packets(s)).append(',').append(rows.bytes(s));
                sb.append(',').append(BinRates.packetsPerSecond(rows.packets(s), set.binNanos()).toPlainString());
                sb.append(',').append(BinRates.bitsPerSecond(rows.bytes(s), set.binNanos()).toPlainString());
                sb.append('\n');
                text.rowDone();
            }
        }
        text.finish();
    }

    /** Writes one compact JSON object per series row to {@code out}: task, key, bin_start, packets, bytes, rates. */
    public static void writeNdjson(PrintWriter out, List<SeriesSet> sets) {
        ReportText text = new ReportText(out);
        StringBuilder sb = text.buffer();
        for (SeriesSet set : sets) {
            for (int s : set.order()) {
                JsonWriter j = new JsonWriter(sb, false);
                j.beginObject();
                j.field("task", set.series().task().name());
                entry(j, set, s);
                j.endObject();
                sb.append('\n');
                text.rowDone();
            }
        }
        text.finish();
    }

    /**
     * Writes one {@code netspectra-show-bins/1} document to {@code out} as it goes: per task its key fields, bin
     * length and series rows.
     */
    public static void writeJson(PrintWriter out, List<SeriesSet> sets) {
        ReportText text = new ReportText(out);
        StringBuilder sb = text.buffer();
        JsonWriter j = new JsonWriter(sb, true);
        j.beginObject();
        j.field("format", SHOW_FORMAT);
        j.name("tasks").beginArray();
        for (SeriesSet set : sets) {
            j.beginObject();
            j.field("name", set.series().task().name());
            j.name("key_fields").beginArray();
            for (KeyField f : set.series().task().keyFields()) {
                j.value(f.label());
            }
            j.endArray();
            j.field("bin", binText(set.binNanos()));
            j.name("rows").beginArray();
            for (int s : set.order()) {
                j.beginObject();
                entry(j, set, s);
                j.endObject();
                text.rowDone();
            }
            j.endArray();
            j.endObject();
        }
        j.endArray();
        j.endObject();
        sb.append('\n');
        text.finish();
    }

    /** Returns aligned text: per task a heading and one line per series row. */
    public static String table(List<SeriesSet> sets) {
        StringBuilder sb = new StringBuilder();
        for (SeriesSet set : sets) {
            FlowRows rows = set.series();
            List<KeyField> fields = rows.task().keyFields();
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(rows.task().name()).append(": ").append(grouped(set.order().length))
                    .append(" rows (bin, key), bins of ").append(binText(set.binNanos())).append('\n');
            if (set.order().length == 0) {
                continue;
            }
            List<String[]> lines = new ArrayList<>();
            String[] header = new String[fields.size() + 5];
            header[0] = "bin_start";
            for (int i = 0; i < fields.size(); i++) {
                header[i + 1] = fields.get(i).label();
            }
            int m = fields.size() + 1;
            header[m] = "packets";
            header[m + 1] = "bytes";
            header[m + 2] = "pkt/s";
            header[m + 3] = "bit/s";
            lines.add(header);
            for (int s : set.order()) {
                String[] line = new String[header.length];
                line[0] = Instant.ofEpochSecond(0, rows.first(s)).toString();
                for (int i = 0; i < fields.size(); i++) {
                    line[i + 1] = KeyText.text(rows, s, fields.get(i));
                }
                line[m] = grouped(rows.packets(s));
                line[m + 1] = grouped(rows.bytes(s));
                line[m + 2] = BinRates.grouped(BinRates.packetsPerSecond(rows.packets(s), set.binNanos()));
                line[m + 3] = BinRates.grouped(BinRates.bitsPerSecond(rows.bytes(s), set.binNanos()));
                lines.add(line);
            }
            TextColumns.append(sb, lines, c -> c >= m);
        }
        return sb.toString();
    }

    /** Writes one series row's fields: bin_start, key, packets, bytes, packets_per_s, bits_per_s. */
    private static void entry(JsonWriter j, SeriesSet set, int s) {
        FlowRows rows = set.series();
        j.field("bin_start", TimeText.format(rows.first(s)));
        j.name("key").beginObject();
        for (KeyField f : rows.task().keyFields()) {
            if (KeyText.isNumeric(f)) {
                j.field(f.label(), KeyText.number(rows, s, f));
            } else {
                j.field(f.label(), KeyText.text(rows, s, f));
            }
        }
        j.endObject();
        j.field("packets", rows.packets(s));
        j.field("bytes", rows.bytes(s));
        j.field("packets_per_s", BinRates.packetsPerSecond(rows.packets(s), set.binNanos()));
        j.field("bits_per_s", BinRates.bitsPerSecond(rows.bytes(s), set.binNanos()));
    }

    private static String csvCell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
