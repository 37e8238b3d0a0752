package io.netspectra.report;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.config.ConnectionOptions;
import io.netspectra.config.Durations;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;
import io.netspectra.connections.ConnectionRows;
import io.netspectra.connections.ConnectionSummary;
import io.netspectra.connections.EndReason;
import io.netspectra.connections.TcpFlags;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.netspectra.report.Numerals.duration;
import static io.netspectra.report.Numerals.grouped;

/**
 * Renders connections tasks in every report format. A connection row is a five-tuple row (originator as
 * {@code SrcIP}/{@code SrcPort}, responder as {@code DstIP}/{@code DstPort}; packets and bytes of both directions)
 * plus {@code orig_packets}, {@code orig_bytes}, {@code resp_packets}, {@code resp_bytes}, {@code orig_flags} and
 * {@code resp_flags} (TCP flags seen, nfdump style {@code CEUAPRSF}; null for other protocols), {@code end_reason}
 * and {@code community_id}.
 */
public final class ConnectionsReport {
    /** The CSV columns a report with connections appends to the flow columns. */
    public static final String CSV_EXTRA = ",orig_packets,orig_bytes,resp_packets,resp_bytes,orig_flags,resp_flags,"
            + "end_reason,community_id";
    private static final List<KeyField> FIELDS = TaskSpec.FIVE_TUPLE;
    private static final int TCP = 6;

    private ConnectionsReport() {
    }

    /**
     * Writes the JSON {@code "connections"} array (analyze report and show document), running {@code rowDone} after
     * each row (to hand streamed text on).
     */
    static void json(JsonWriter j, List<ConnectionSet> sets, Runnable rowDone) {
        j.name("connections").beginArray();
        for (ConnectionSet set : sets) {
            ConnectionSummary s = set.summary();
            j.beginObject();
            j.field("name", s.task().name());
            j.field("type", "connections");
            j.field("connections", s.connections());
            j.field("packets", s.packets());
            j.field("bytes", s.bytes());
            j.name("end_reasons").beginObject();
            for (EndReason r : EndReason.values()) {
                j.field(r.label(), s.reasons()[r.ordinal()]);
            }
            j.endObject();
            timeouts(j, s.task().connections());
            if (set.windowed() && set.order().length > 0) {
                long from = Long.MAX_VALUE;
                long to = Long.MIN_VALUE;
                for (int i = 0; i < set.windowStarts().length; i++) {
                    from = Math.min(from, set.windowStarts()[i]);
                    to = Math.max(to, set.windowEnds()[i]);
                }
                j.field("window_start", TimeText.format(from));
                j.field("window_end", TimeText.format(to));
            }
            j.name("rows").beginArray();
            FlowRows view = s.rows().asFlowRows();
            for (int r : set.order()) {
                j.beginObject();
                rowFields(j, s.rows(), view, r);
                window(j, set, r);
                j.endObject();
                rowDone.run();
            }
            j.endArray();
            j.endObject();
        }
        j.endArray();
    }

    /** Writes a task's timeouts as duration texts. */
    public static void timeouts(JsonWriter j, ConnectionOptions o) {
        j.name("idle_timeout").beginObject();
        j.field("tcp", Durations.format(o.tcpIdle()));
        j.field("udp", Durations.format(o.udpIdle()));
        j.field("other", Durations.format(o.otherIdle()));
        j.endObject();
        j.field("active_timeout", Durations.format(o.active()));
        j.field("fin_grace", Durations.format(o.finGrace()));
    }

    /** Writes one row's fields inside an object the caller opened. */
    static void rowFields(JsonWriter j, ConnectionRows rows, FlowRows view, int r) {
        JsonReport.rowFields(j, view, r);
        j.field("orig_packets", rows.origPackets(r));
        j.field("orig_bytes", rows.origBytes(r));
        j.field("resp_packets", rows.respPackets(r));
        j.field("resp_bytes", rows.respBytes(r));
        boolean tcp = rows.protocol(r) == TCP;
        j.field("orig_flags", tcp ? TcpFlags.text(rows.origFlags(r)) : null);
        j.field("resp_flags", tcp ? TcpFlags.text(rows.respFlags(r)) : null);
        j.field("end_reason", rows.reason(r).label());
        j.field("community_id", rows.communityId(r));
    }

    private static void window(JsonWriter j, ConnectionSet set, int r) {
        if (set.windowed()) {
            j.field("window_start", TimeText.format(set.windowStarts()[r]));
            j.field("window_end", TimeText.format(set.windowEnds()[r]));
        }
    }

    /** Writes the lines {@link #ndjson(StringBuilder, List, Runnable)} appends to {@code out} as it goes. */
    public static void writeNdjson(PrintWriter out, List<ConnectionSet> sets) {
        ReportText text = new ReportText(out);
        ndjson(text.buffer(), sets, text::rowDone);
        text.finish();
    }

    /**
     * Appends NDJSON rows, {@code {"task", "type": "connections", "key", ...}} one per line, running {@code rowDone}
     * after each row.
     */
    static void ndjson(StringBuilder sb, List<ConnectionSet> sets, Runnable rowDone) {
        for (ConnectionSet set : sets) {
            ConnectionRows rows = set.summary().rows();
            FlowRows view = rows.asFlowRows();
            for (int r : set.order()) {
                JsonWriter j = new JsonWriter(sb, false);
                j.beginObject();
                j.field("task", rows.task().name());
                j.field("type", "connections");
                rowFields(j, rows, view, r);
                window(j, set, r);
                j.endObject();
                sb.append('\n');
                rowDone.run();
            }
        }
    }

    /**
     * Appends CSV rows in the columns of a flow CSV with connections: task, the five key fields, packets, bytes,
     * first, last, duration, [window_start, window_end,] then {@link #CSV_EXTRA}; runs {@code rowDone} after each row.
     */
    static void csv(StringBuilder sb, List<ConnectionSet> sets, boolean windowed, Runnable rowDone) {
        for (ConnectionSet set : sets) {
            ConnectionRows rows = set.summary().rows();
            FlowRows view = rows.asFlowRows();
            for (int r : set.order()) {
                sb.append(RowsReport.csvCell(rows.task().name()));
                for (KeyField f : FIELDS) {
                    sb.append(',').append(KeyText.text(view, r, f));
                }
                sb.append(',').append(rows.packets(r)).append(',').append(rows.bytes(r));
                sb.append(',').append(TimeText.format(rows.first(r)));
                sb.append(',').append(TimeText.format(rows.last(r)));
                sb.append(',').append(TimeText.format(rows.duration(r)));
                if (windowed) {
                    sb.append(',').append(set.windowed() ? TimeText.format(set.windowStarts()[r]) : "");
                    sb.append(',').append(set.windowed() ? TimeText.format(set.windowEnds()[r]) : "");
                }
                boolean tcp = rows.protocol(r) == TCP;
                sb.append(',').append(rows.origPackets(r)).append(',').append(rows.origBytes(r));
                sb.append(',').append(rows.respPackets(r)).append(',').append(rows.respBytes(r));
                sb.append(',').append(tcp ? TcpFlags.text(rows.origFlags(r)) : "");
                sb.append(',').append(tcp ? TcpFlags.text(rows.respFlags(r)) : "");
                sb.append(',').append(rows.reason(r).label());
                sb.append(',').append(rows.communityId(r));
                sb.append('\n');
                rowDone.run();
            }
        }
    }

    /** Appends each task as a text section: a heading with the counts, then the rows. */
    public static void table(StringBuilder sb, List<ConnectionSet> sets, String orderName) {
        for (ConnectionSet set : sets) {
            ConnectionSummary s = set.summary();
            ConnectionRows rows = s.rows();
            sb.append('\n').append(s.task().name()).append(": ").append(grouped(s.connections()))
                    .append(" connections (");
            for (EndReason r : EndReason.values()) {
                sb.append(r.ordinal() == 0 ? "" : ", ").append(r.label()).append(' ')
                        .append(grouped(s.reasons()[r.ordinal()]));
            }
            sb.append(')');
            if (set.order().length < s.connections()) {
                sb.append(", top ").append(set.order().length).append(" by ").append(orderName);
            }
            sb.append('\n');
            if (set.order().length == 0) {
                continue;
            }
            FlowRows view = rows.asFlowRows();
            List<String[]> lines = new ArrayList<>();
            lines.add(new String[] {"originator", "responder", "proto", "orig pkts", "orig bytes", "resp pkts",
                "resp bytes", "first", "duration", "flags", "end"});
            for (int r : set.order()) {
                boolean tcp = rows.protocol(r) == TCP;
                lines.add(new String[] {
                    endpoint(view, r, KeyField.SRC_IP, KeyField.SRC_PORT),
                    endpoint(view, r, KeyField.DST_IP, KeyField.DST_PORT),
                    Integer.toString(rows.protocol(r)),
                    grouped(rows.origPackets(r)), grouped(rows.origBytes(r)),
                    grouped(rows.respPackets(r)), grouped(rows.respBytes(r)),
                    Instant.ofEpochSecond(0, rows.first(r)).toString(),
                    duration(rows.duration(r)),
                    tcp ? TcpFlags.text(rows.origFlags(r) | rows.respFlags(r)) : "-",
                    rows.reason(r).label()});
            }
            TextColumns.append(sb, lines, c -> c >= 3 && c <= 6);
        }
    }

    private static String endpoint(FlowRows view, int r, KeyField ip, KeyField port) {
        String address = KeyText.text(view, r, ip);
        String p = KeyText.text(view, r, port);
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + p;
    }
}
