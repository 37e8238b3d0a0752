package io.netspectra.report;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.bins.BinnedTask;
import io.netspectra.capture.Frame;
import io.netspectra.config.KeyField;
import io.netspectra.pipeline.InputStats;
import io.netspectra.pipeline.RunStats;
import io.netspectra.pipeline.Totals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.netspectra.report.Numerals.duration;
import static io.netspectra.report.Numerals.grouped;

/** Renders a run as aligned text for reading: inputs, totals, decode statistics, then each task's top keys. */
public final class TableReport {
    private TableReport() {
    }

    /** Returns the report with at most {@code top} rows per task. */
    public static String render(RunStats run, int top) {
        return render(run, top, null);
    }

    /**
     * Returns the report with at most {@code top} rows per task and, for tasks in {@code bins} (null: none), each
     * row's peak bin: its start, packets/s and bits/s.
     */
    public static String render(RunStats run, int top, List<BinnedTask> bins) {
        return render(run, top, bins, List.of());
    }

    /** Returns the report as above with each connections task's section after the flow tasks. */
    public static String render(RunStats run, int top, List<BinnedTask> bins, List<ConnectionSet> connections) {
        StringBuilder sb = new StringBuilder();
        List<String[]> inputs = new ArrayList<>();
        inputs.add(new String[] {"input", "format", "packets", "bytes", "status"});
        for (InputStats in : run.inputs()) {
            String status = in.unopened() ? "error: " + in.error()
                    : in.damaged() ? "damaged at byte " + in.damageOffset() + ": " + in.error() : "ok";
            inputs.add(new String[] {in.path(), in.format() == null ? "-" : in.format(), grouped(in.packets()),
                grouped(in.bytes()), status});
        }
        table(sb, inputs, 2);
        Totals t = run.totals();
        sb.append('\n');
        sb.append("packets      ").append(grouped(t.packets())).append("   bytes ").append(grouped(t.bytes()))
                .append('\n');
        sb.append("time span    ").append(span(t)).append('\n');
        sb.append("IP           ").append(grouped(t.ipPackets())).append(" packets (IPv4 ")
                .append(grouped(t.ipv4Packets())).append(", IPv6 ").append(grouped(t.ipv6Packets())).append("), ")
                .append(grouped(t.ipBytes())).append(" bytes\n");
        sb.append("non-IP       ").append(grouped(t.nonIpPackets())).append(" packets, ")
                .append(grouped(t.nonIpBytes())).append(" bytes\n");
        sb.append("undecodable  ").append(grouped(t.undecodablePackets()))
                .append(" packets (unsupported link type)\n");
        long damaged = run.inputs().stream().filter(InputStats::damaged).count();
        long failed = run.inputs().stream().filter(InputStats::unopened).count();
        sb.append("damaged      ").append(damaged).append(" of ").append(run.inputs().size()).append(" inputs");
        long unread = run.inputs().stream().filter(InputStats::damaged).mapToLong(in -> Math.max(0, in.unreadBytes()))
                .sum();
        if (damaged > 0) {
            sb.append(", ").append(grouped(unread)).append(" bytes unread after the damage");
        }
        if (failed > 0) {
            sb.append("; ").append(failed).append(" could not be read");
        }
        sb.append('\n');
        sb.append("accounting   read ").append(grouped(run.read())).append(" = aggregated ")
                .append(grouped(t.ipPackets())).append(" + non-IP ").append(grouped(t.nonIpPackets()))
                .append(" + undecodable ").append(grouped(t.undecodablePackets()));
        if (run.filteredOut() > 0) {
            sb.append(" + filtered out ").append(grouped(run.filteredOut()));
        }
        sb.append(" packets\n");
        if (run.partial()) {
            sb.append("partial      reading was interrupted; the counts cover what was read\n");
        }
        for (FlowRows rows : run.tasks()) {
            task(sb, rows, top, BinsReport.forTask(bins, rows.task().name()));
        }
        ConnectionsReport.table(sb, connections, "bytes");
        return sb.toString();
    }

    private static void task(StringBuilder sb, FlowRows rows, int top, BinnedTask binned) {
        int[] order = RowOrder.sorted(rows, top);
        sb.append('\n').append(rows.task().name()).append(": ").append(grouped(rows.size())).append(" keys");
        if (order.length < rows.size()) {
            sb.append(", top ").append(order.length).append(" by bytes");
        }
        if (binned != null) {
            sb.append("; peak = the ").append(BinsReport.binText(binned.binNanos()))
                    .append(" bin with the most bytes");
        }
        sb.append('\n');
        if (order.length == 0) {
            return;
        }
        List<String[]> lines = new ArrayList<>();
        List<KeyField> fields = rows.task().keyFields();
        int peakFrom = fields.size() + 4;
        String[] header = new String[peakFrom + (binned == null ? 0 : 3)];
        for (int i = 0; i < fields.size(); i++) {
            header[i] = fields.get(i).label();
        }
        header[fields.size()] = "packets";
        header[fields.size() + 1] = "bytes";
        header[fields.size() + 2] = "first";
        header[fields.size() + 3] = "duration";
        if (binned != null) {
            header[peakFrom] = "peak bin";
            header[peakFrom + 1] = "peak pkt/s";
            header[peakFrom + 2] = "peak bit/s";
        }
        lines.add(header);
        for (int r : order) {
            String[] line = new String[header.length];
            for (int i = 0; i < fields.size(); i++) {
                line[i] = KeyText.text(rows, r, fields.get(i));
            }
            boolean timed = rows.first(r) != FlowTable.NO_FIRST;
            line[fields.size()] = grouped(rows.packets(r));
            line[fields.size() + 1] = grouped(rows.bytes(r));
            line[fields.size() + 2] = timed ? Instant.ofEpochSecond(0, rows.first(r)).toString() : "-";
            line[fields.size() + 3] = timed ? duration(rows.last(r) - rows.first(r)) : "-";
            if (binned != null) {
                System.arraycopy(BinsReport.peakCells(binned, rows, r), 0, line, peakFrom, 3);
            }
            lines.add(line);
        }
        int m = fields.size();
        TextColumns.append(sb, lines, c -> (c >= m && c < m + 2) || c > peakFrom);
    }

    /** Appends lines as columns; the two columns from {@code firstNumeric} on are right-aligned. */
    private static void table(StringBuilder sb, List<String[]> lines, int firstNumeric) {
        TextColumns.append(sb, lines, c -> c >= firstNumeric && c < firstNumeric + 2);
    }

    private static String span(Totals t) {
        if (t.first() == Frame.NO_TIMESTAMP) {
            return "-";
        }
        return Instant.ofEpochSecond(0, t.first()) + " .. " + Instant.ofEpochSecond(0, t.last()) + " ("
                + duration(t.last() - t.first()) + ")";
    }
}
