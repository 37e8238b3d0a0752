package io.netspectra.report;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.bins.BinnedTask;
import io.netspectra.capture.Frame;
import io.netspectra.config.KeyField;
import io.netspectra.pipeline.InputStats;
import io.netspectra.pipeline.RunStats;
import io.netspectra.pipeline.Totals;
import io.netspectra.sketch.SketchRows;

import java.io.PrintWriter;
import java.util.List;

/**
 * Renders a run as one {@code netspectra-report/1} JSON document. The output depends only on the inputs and the
 * config: no run id, no wall time.
 */
public final class JsonReport {
    /** The format tag written first in every report. */
    public static final String FORMAT = "netspectra-report/1";

    private JsonReport() {
    }

    /**
     * Writes the report to {@code out} as it goes, never whole in memory: indented, or on one line (for NDJSON) when
     * not {@code pretty}; ended with a newline when {@code newline}. {@code top} limits rows per task (all when
     * negative). With {@code bins} (null: none), each binned task also has {@code bin}, a {@code peak} per row and
     * the {@code bins} series of its printed rows; then the connections tasks' section ({@code "connections"}, after
     * {@code "tasks"}; absent when {@code connections} is empty) and a {@code sketches} array (after that; absent
     * when {@code sketches} is empty).
     */
    public static void write(PrintWriter out, boolean newline, RunStats run, List<BinnedTask> bins, int top,
                             boolean pretty, List<ConnectionSet> connections, List<SketchRows> sketches) {
        ReportText text = new ReportText(out);
        JsonWriter j = new JsonWriter(text.buffer(), pretty);
        j.beginObject();
        j.field("format", FORMAT);
        if (run.partial()) {
            j.field("partial", true);
        }
        j.name("inputs").beginArray();
        for (InputStats in : run.inputs()) {
            j.beginObject();
            j.field("path", in.path());
            j.field("format", in.format());
            j.field("packets", in.packets());
            j.field("bytes", in.bytes());
            j.field("damaged", in.damaged());
            if (in.damaged()) {
                j.field("damage_offset", in.damageOffset());
                j.fieldOrNull("unread_bytes", in.unreadBytes());
            }
            j.field("error", in.error());
            j.endObject();
        }
        j.endArray();
        totals(j, run.totals());
        accounting(j, run);
        j.name("tasks").beginArray();
        for (FlowRows rows : run.tasks()) {
            task(j, text, rows, top, BinsReport.forTask(bins, rows.task().name()));
        }
        j.endArray();
        if (!connections.isEmpty()) {
            ConnectionsReport.json(j, connections, text::rowDone);
        }
        SketchReport.json(j, sketches, text::rowDone);
        j.endObject();
        if (newline) {
            text.buffer().append('\n');
        }
        text.finish();
    }

    private static void totals(JsonWriter j, Totals t) {
        j.name("totals").beginObject();
        j.field("packets", t.packets());
        j.field("bytes", t.bytes());
        j.field("ip_packets", t.ipPackets());
        j.field("ip_bytes", t.ipBytes());
        j.field("ipv4_packets", t.ipv4Packets());
        j.field("ipv6_packets", t.ipv6Packets());
        j.field("non_ip_packets", t.nonIpPackets());
        j.field("non_ip_bytes", t.nonIpBytes());
        j.field("undecodable_packets", t.undecodablePackets());
        j.field("undecodable_bytes", t.undecodableBytes());
        j.field("first", t.first() == Frame.NO_TIMESTAMP ? null : TimeText.format(t.first()));
        j.field("last", t.last() == Frame.NO_TIMESTAMP ? null : TimeText.format(t.last()));
        j.endObject();
    }

    /**
     * Writes where every packet read went: {@code read = aggregated + skipped.non_ip + skipped.undecodable_link_type
     * + filtered_out},
     * and how much of the damaged inputs could not be read at all (not countable in packets).
     */
    static void accounting(JsonWriter j, RunStats run) {
        Totals t = run.totals();
        j.name("accounting").beginObject();
        j.field("read", run.read());
        j.field("aggregated", t.ipPackets());
        j.name("skipped").beginObject();
        j.field("non_ip", t.nonIpPackets());
        j.field("undecodable_link_type", t.undecodablePackets());
        j.endObject();
        j.field("filtered_out", run.filteredOut());
        j.name("damaged").beginObject();
        j.field("inputs", run.inputs().stream().filter(InputStats::damaged).count());
        j.field("unread_bytes", run.inputs().stream().filter(InputStats::damaged)
                .mapToLong(in -> Math.max(0, in.unreadBytes())).sum());
        j.endObject();
        j.endObject();
    }

    private static void task(JsonWriter j, ReportText text, FlowRows rows, int top, BinnedTask binned) {
        j.beginObject();
        j.field("name", rows.task().name());
        j.name("key_fields").beginArray();
        for (KeyField f : rows.task().keyFields()) {
            j.value(f.label());
        }
        j.endArray();
        j.field("flows", rows.size());
        if (binned != null) {
            j.field("bin", BinsReport.binText(binned.binNanos()));
        }
        int[] order = RowOrder.sorted(rows, top);
        j.name("rows").beginArray();
        for (int r : order) {
            j.beginObject();
            rowFields(j, rows, r);
            if (binned != null) {
                BinsReport.peak(j, binned, rows, r);
            }
            j.endObject();
            text.rowDone();
        }
        j.endArray();
        if (binned != null && binned.series() != null) {
            BinsReport.series(j, BinsReport.forRows(binned, rows, order), text::rowDone);
        }
        j.endObject();
    }

    /**
     * Writes the fields every JSON row has, inside an object the caller opened: {@code key} (exactly the task's key
     * fields; addresses as text, ports and protocol as numbers), packets, bytes, first, last and duration (null
     * where no packet had a timestamp).
     */
    static void rowFields(JsonWriter j, FlowRows rows, int r) {
        j.name("key").beginObject();
        for (KeyField f : rows.task().keyFields()) {
            if (KeyText.isNumeric(f)) {
                j.field(f.label(), KeyText.number(rows, r, f));
            } else {
                j.field(f.label(), KeyText.text(rows, r, f));
            }
        }
        j.endObject();
        j.field("packets", rows.packets(r));
        j.field("bytes", rows.bytes(r));
        boolean timed = rows.first(r) != FlowTable.NO_FIRST;
        j.field("first", timed ? TimeText.format(rows.first(r)) : null);
        j.field("last", timed ? TimeText.format(rows.last(r)) : null);
        j.field("duration", timed ? TimeText.format(rows.last(r) - rows.first(r)) : null);
    }
}
