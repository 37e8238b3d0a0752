package io.netspectra.report;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.capture.Frame;
import io.netspectra.config.AnalyzerConfig;
import io.netspectra.config.Durations;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;
import io.netspectra.config.TaskType;
import io.netspectra.connections.ConnectionSummary;
import io.netspectra.pipeline.EarlyFlush;
import io.netspectra.pipeline.InputStats;
import io.netspectra.pipeline.RunStats;

import java.util.List;

/** Renders a run's {@code manifest.json}: tool and format versions, inputs, config, counts. */
public final class Manifest {
    private Manifest() {
    }

    /**
     * @param maxKeys the key limit the run used ({@code max_keys_per_task}, resolved when it was {@code auto})
     * @param spills  how many times run totals were spilled to disk
     */
    public static String render(String runId, String toolVersion, int snapshotFormat, AnalyzerConfig config,
                                RunStats run, int windowsWritten, long maxKeys, int spills) {
        return render(runId, toolVersion, snapshotFormat, config, run, windowsWritten, maxKeys, spills, List.of());
    }

    /**
     * Renders the manifest as above; connections tasks appear in {@code config.tasks} with their type and timeouts,
     * and their record counts in {@code counts.connections} (absent without connections tasks).
     */
    public static String render(String runId, String toolVersion, int snapshotFormat, AnalyzerConfig config,
                                RunStats run, int windowsWritten, long maxKeys, int spills,
                                List<ConnectionSummary> connections) {
        StringBuilder sb = new StringBuilder();
        JsonWriter j = new JsonWriter(sb, true);
        j.beginObject();
        j.field("format", "netspectra-manifest/1");
        j.field("run_id", runId);
        j.field("tool_version", toolVersion);
        j.field("snapshot_format_version", snapshotFormat);
        j.field("report_format", JsonReport.FORMAT);
        j.field("partial", run.partial());
        j.name("inputs").beginArray();
        for (InputStats in : run.inputs()) {
            j.beginObject().field("path", in.path()).field("format", in.format()).field("packets", in.packets())
                    .field("bytes", in.bytes()).field("damaged", in.damaged());
            if (in.damaged()) {
                j.field("damage_offset", in.damageOffset())
                        .fieldOrNull("unread_bytes", in.unreadBytes());
            }
            j.field("error", in.error()).endObject();
        }
        j.endArray();
        JsonReport.accounting(j, run);
        j.name("config").beginObject();
        j.field("source", config.source());
        j.field("snapshot_interval", Durations.format(config.snapshotIntervalNanos()));
        j.field("clock", config.clock().name().toLowerCase(java.util.Locale.ROOT));
        j.field("num_workers", config.effectiveWorkers());
        j.field("max_keys_per_task", maxKeys);
        j.field("max_keys_per_task_auto", config.maxKeysPerTask() == AnalyzerConfig.AUTO_MAX_KEYS);
        if (config.binNanos() > 0) {
            j.field("bin", Durations.format(config.binNanos()));
        }
        j.name("tasks").beginArray();
        for (TaskSpec t : config.tasks()) {
            j.beginObject().field("name", t.name());
            if (t.type() == TaskType.CONNECTIONS) {
                j.field("type", t.type().label());
            }
            j.name("key_fields").beginArray();
            for (KeyField f : t.keyFields()) {
                j.value(f.label());
            }
            j.endArray();
            if (t.connections() != null) {
                ConnectionsReport.timeouts(j, t.connections());
            }
            SketchReport.manifestOptions(j, t);
            j.endObject();
        }
        j.endArray();
        j.endObject();
        j.name("counts").beginObject();
        j.field("packets", run.totals().packets());
        j.field("bytes", run.totals().bytes());
        j.field("ip_packets", run.totals().ipPackets());
        j.field("non_ip_packets", run.totals().nonIpPackets());
        j.field("undecodable_packets", run.totals().undecodablePackets());
        j.field("first", run.totals().first() == Frame.NO_TIMESTAMP ? null : TimeText.format(run.totals().first()));
        j.field("last", run.totals().last() == Frame.NO_TIMESTAMP ? null : TimeText.format(run.totals().last()));
        j.field("windows_cut", run.windows());
        j.field("windows_written", windowsWritten);
        j.field("late_packets", run.latePackets());
        j.field("totals_spills", spills);
        j.name("early_flushes").beginArray();
        for (EarlyFlush f : run.earlyFlushes()) {
            j.beginObject().field("window_start", TimeText.format(f.windowStart()))
                    .field("part_start", TimeText.format(f.partStart()))
                    .field("part_end", TimeText.format(f.partEnd()))
                    .field("task", f.task()).field("keys", f.keys()).field("records", f.records()).endObject();
        }
        j.endArray();
        j.name("flows").beginObject();
        for (FlowRows rows : run.tasks()) {
            j.field(rows.task().name(), rows.size());
        }
        j.endObject();
        if (!connections.isEmpty()) {
            j.name("connections").beginObject();
            for (ConnectionSummary c : connections) {
                j.field(c.task().name(), c.connections());
            }
            j.endObject();
        }
        j.endObject();
        j.endObject();
        return sb.append('\n').toString();
    }
}
