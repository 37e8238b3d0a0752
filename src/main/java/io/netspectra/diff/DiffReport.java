package io.netspectra.diff;

import io.netspectra.config.KeyField;
import io.netspectra.diff.DiffResult.Change;
import io.netspectra.diff.DiffResult.Kind;
import io.netspectra.diff.DiffResult.TaskDiff;
import io.netspectra.query.Metric;
import io.netspectra.report.JUnitXml;
import io.netspectra.report.JsonWriter;
import io.netspectra.report.KeyText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link DiffResult} as text, as a {@code netspectra-diff/1} JSON document, or as JUnit XML. */
public final class DiffReport {
    /** The format tag of {@code diff --format json}. */
    public static final String FORMAT = "netspectra-diff/1";

    private DiffReport() {
    }

    /** Returns aligned text: a line per task, a line per difference, and a verdict line. */
    public static String table(DiffResult d) {
        StringBuilder sb = new StringBuilder();
        sb.append("tolerance ").append(d.tolerance().text()).append(", metrics ").append(metricList(d)).append('\n');
        int differing = 0;
        for (TaskDiff t : d.tasks()) {
            sb.append('\n').append(taskLine(t)).append('\n');
            int width = t.changes().stream().mapToInt(c -> c.key().length()).max().orElse(0);
            for (Change c : t.changes()) {
                sb.append("  ").append(String.format(Locale.ROOT, "%-8s", c.kind().name())).append(c.key())
                        .append(" ".repeat(width - c.key().length())).append("  ").append(values(d, c)).append('\n');
            }
            if (!t.equal()) {
                differing++;
            }
        }
        sb.append('\n').append(d.equal() ? "equal within tolerance" : "different: " + differing + " of "
                + d.tasks().size() + " tasks differ").append('\n');
        return sb.toString();
    }

    /** Returns a task's one-line summary, e.g. {@code by_src_ip: 2 added, 0 removed, 1 changed (40 -> 41 keys)}. */
    static String taskLine(TaskDiff t) {
        return switch (t.presence()) {
            case added -> t.name() + ": task only in current (" + t.currentKeys() + " keys)";
            case removed -> t.name() + ": task only in baseline (" + t.baselineKeys() + " keys)";
            case both -> t.name() + ": " + t.count(Kind.added) + " added, " + t.count(Kind.removed) + " removed, "
                    + t.count(Kind.changed) + " changed (" + t.baselineKeys() + " -> " + t.currentKeys() + " keys)";
        };
    }

    private static String values(DiffResult d, Change c) {
        List<String> parts = new ArrayList<>();
        for (Metric m : d.metrics()) {
            long b = c.baseline(m);
            long cur = c.current(m);
            String p = m.label() + " " + m.format(b) + " -> " + m.format(cur);
            if (c.kind() == Kind.changed) {
                p += " (" + percent(b, cur) + ")";
            }
            parts.add(p);
        }
        return String.join(", ", parts);
    }

    /** Returns the relative change as the tolerance measures it, e.g. {@code +12.5%}. */
    static String percent(long baseline, long current) {
        double change = ((double) current - (double) baseline) / Math.max(baseline, 1) * 100;
        return String.format(Locale.ROOT, "%+.1f%%", change);
    }

    /** Returns one JSON document: the settings, the verdict, and per task its counts and differences. */
    public static String json(DiffResult d) {
        StringBuilder sb = new StringBuilder();
        JsonWriter j = new JsonWriter(sb, true);
        j.beginObject();
        j.field("format", FORMAT);
        j.field("tolerance", d.tolerance().text());
        j.name("metrics").beginArray();
        for (Metric m : d.metrics()) {
            j.value(m.label());
        }
        j.endArray();
        j.field("equal", d.equal());
        j.name("tasks").beginArray();
        for (TaskDiff t : d.tasks()) {
            j.beginObject();
            j.field("name", t.name());
            j.field("presence", t.presence().name());
            j.field("baseline_keys", t.baselineKeys());
            j.field("current_keys", t.currentKeys());
            j.field("added", t.count(Kind.added));
            j.field("removed", t.count(Kind.removed));
            j.field("changed", t.count(Kind.changed));
            j.name("differences").beginArray();
            for (Change c : t.changes()) {
                change(j, d, t, c);
            }
            j.endArray();
            j.endObject();
        }
        j.endArray();
        j.endObject();
        return sb.append('\n').toString();
    }

    private static void change(JsonWriter j, DiffResult d, TaskDiff t, Change c) {
        j.beginObject();
        j.field("change", c.kind().name());
        j.name("key").beginObject();
        for (int i = 0; i < t.keyFields().size(); i++) {
            KeyField f = t.keyFields().get(i);
            if (KeyText.isNumeric(f)) {
                j.field(f.label(), Long.parseLong(c.values().get(i)));
            } else {
                j.field(f.label(), c.values().get(i));
            }
        }
        j.endObject();
        for (Metric m : d.metrics()) {
            j.name(m.label()).beginObject();
            if (m == Metric.DURATION) {
                j.field("baseline", m.format(c.baseline(m)));
                j.field("current", m.format(c.current(m)));
            } else {
                j.field("baseline", c.baseline(m));
                j.field("current", c.current(m));
            }
            j.endObject();
        }
        j.endObject();
    }

    /** Returns JUnit XML with one test case per task; a differing task fails and lists its differences. */
    public static String junit(DiffResult d) {
        List<JUnitXml.Case> cases = new ArrayList<>();
        for (TaskDiff t : d.tasks()) {
            if (t.equal()) {
                cases.add(new JUnitXml.Case(t.name(), null, ""));
                continue;
            }
            StringBuilder detail = new StringBuilder();
            for (Change c : t.changes()) {
                detail.append(c.kind().name()).append(' ').append(c.key()).append(": ").append(values(d, c))
                        .append('\n');
            }
            cases.add(new JUnitXml.Case(t.name(), taskLine(t), detail.toString()));
        }
        return JUnitXml.render("ns-cli diff", cases);
    }

    private static String metricList(DiffResult d) {
        return String.join(",", d.metrics().stream().map(Metric::label).toList());
    }
}
