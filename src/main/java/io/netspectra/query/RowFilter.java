package io.netspectra.query;

import io.netspectra.NetSpectraException.ConfigException;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.KeyLayout;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;
import io.netspectra.config.TaskType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code --where} expression: a conjunction of conditions separated by {@code ,}, {@code &&} or {@code and}. A
 * condition is {@code FIELD OP VALUE}:
 * <ul>
 *   <li>{@code SrcIP}, {@code DstIP} with {@code =} or {@code !=} and an address or prefix (v4 or v6);</li>
 *   <li>{@code SrcPort}, {@code DstPort}, {@code Protocol} with any of {@code = == != > >= < <=} and a number
 *       ({@code Protocol} also takes a name: tcp, udp, icmp, icmpv6, ...);</li>
 *   <li>{@code packets}, {@code bytes} (sizes such as {@code 1MB}), {@code duration} ({@code 5s}) likewise.</li>
 * </ul>
 * Field names are case-insensitive. An invalid expression is a {@link ConfigException} (exit 2).
 */
public final class RowFilter {
    /** The protocol names {@code Protocol=NAME} accepts, with their IP protocol numbers. */
    public static final Map<String, Integer> PROTOCOLS = Map.of("icmp", 1, "igmp", 2, "tcp", 6, "udp", 17,
            "gre", 47, "esp", 50, "ah", 51, "icmpv6", 58, "ipv6-icmp", 58, "sctp", 132);
    private static final Pattern SEPARATOR = Pattern.compile("\\s*(?:,|&&|\\s[aA][nN][dD]\\s)\\s*");
    private static final Pattern CONDITION = Pattern.compile("\\s*([A-Za-z_]+)\\s*(==|!=|>=|<=|=|>|<)\\s*(\\S+)\\s*");

    /** Matches everything. */
    public static final RowFilter ALL = new RowFilter("", List.of());

    private final String text;
    private final List<Condition> conditions;

    private RowFilter(String text, List<Condition> conditions) {
        this.text = text;
        this.conditions = List.copyOf(conditions);
    }

    private sealed interface Condition permits AddressCondition, NumberCondition {
        boolean test(FlowRows rows, int r);

        KeyField field();
    }

    private record AddressCondition(KeyField field, boolean equal, AddressRange range) implements Condition {
        @Override
        public boolean test(FlowRows rows, int r) {
            int w = KeyLayout.ipWords(rows.task().keyFields(), field);
            boolean in = range.contains(KeyLayout.isIpv6(rows.lastWord(r)), rows.keyWord(r, w), rows.keyWord(r, w + 1));
            return in == equal;
        }
    }

    /** A condition on a port or protocol ({@code field} set) or on a metric ({@code field} null). */
    private record NumberCondition(KeyField field, Metric metric, Comparison op, long value) implements Condition {
        @Override
        public boolean test(FlowRows rows, int r) {
            long v = field != null ? KeyLayout.field(rows.lastWord(r), field) : metric.of(rows, r);
            return op.test(v, value);
        }
    }

    /** Parses {@code text}; null or blank matches everything. */
    public static RowFilter parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        List<Condition> out = new ArrayList<>();
        for (String part : SEPARATOR.split(text.trim(), -1)) {
            out.add(condition(text, part));
        }
        return new RowFilter(text.trim(), out);
    }

    private static Condition condition(String whole, String part) {
        Matcher m = CONDITION.matcher(part);
        if (!m.matches()) {
            throw bad(whole, "'" + part + "' is not FIELD OP VALUE (e.g. DstPort=443, bytes>=1MB)");
        }
        String name = m.group(1);
        Comparison op = Comparison.bySymbol(m.group(2));
        String value = m.group(3);
        String what = "--where '" + whole + "'";
        KeyField field = keyField(name);
        if (field == KeyField.SRC_IP || field == KeyField.DST_IP) {
            if (op != Comparison.EQ && op != Comparison.NE) {
                throw bad(whole, field.label() + " takes = or !=, not " + m.group(2));
            }
            return new AddressCondition(field, op == Comparison.EQ, AddressRange.parse(what, value));
        }
        if (field != null) {
            return new NumberCondition(field, null, op, keyNumber(whole, field, value));
        }
        Metric metric = Metric.byLabel(name);
        if (metric == null || metric == Metric.FLOWS) {
            throw bad(whole, "unknown field '" + name + "', expected one of SrcIP, DstIP, SrcPort, DstPort, "
                    + "Protocol, packets, bytes, duration (connections also orig_packets, orig_bytes, resp_packets, "
                    + "resp_bytes)");
        }
        return new NumberCondition(null, metric, op, metric.parse(what, value));
    }

    private static KeyField keyField(String name) {
        for (KeyField f : KeyField.values()) {
            if (f.label().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    private static long keyNumber(String whole, KeyField field, String value) {
        long max = field == KeyField.PROTOCOL ? 255 : 65535;
        if (field == KeyField.PROTOCOL) {
            Integer p = PROTOCOLS.get(value.toLowerCase(Locale.ROOT));
            if (p != null) {
                return p;
            }
        }
        try {
            long n = Long.parseLong(value);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw bad(whole, "bad " + field.label() + " '" + value + "', expected 0 to " + max
                + (field == KeyField.PROTOCOL ? " or a name (tcp, udp, icmp, icmpv6, ...)" : ""));
    }

    private static ConfigException bad(String whole, String what) {
        return new ConfigException("bad --where '" + whole + "': " + what);
    }

    /** Returns the key fields the expression tests; a task must key on all of them. */
    public Set<KeyField> keyFields() {
        Set<KeyField> s = EnumSet.noneOf(KeyField.class);
        for (Condition c : conditions) {
            if (c.field() != null) {
                s.add(c.field());
            }
        }
        return s;
    }

    /** Returns whether the expression tests a metric only connections have (orig_bytes...). */
    public boolean testsConnectionMetrics() {
        for (Condition c : conditions) {
            if (c instanceof NumberCondition n && n.metric() != null && n.metric().connectionOnly()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns whether {@code task} keys on every field the expression tests (and is a connections task when it tests
     * per-direction metrics).
     */
    public boolean appliesTo(TaskSpec task) {
        return task.keyFields().containsAll(keyFields())
                && (task.type() == TaskType.CONNECTIONS || !testsConnectionMetrics());
    }

    /** Returns whether row {@code r} satisfies every condition; the task must {@link #appliesTo} it. */
    public boolean test(FlowRows rows, int r) {
        for (Condition c : conditions) {
            if (!c.test(rows, r)) {
                return false;
            }
        }
        return true;
    }

    /** Returns the rows of {@code rows} that satisfy the expression, in their order. */
    public FlowRows select(FlowRows rows) {
        if (conditions.isEmpty()) {
            return rows;
        }
        if (rows.directions() != null) {
            throw new IllegalArgumentException("select connection rows by index (test), not through FlowRows");
        }
        FlowRows.Builder b = new FlowRows.Builder(rows.task(), rows.width(), 16);
        for (int r = 0; r < rows.size(); r++) {
            if (test(rows, r)) {
                b.add(rows.keys(), r * rows.width(), rows.stats(), r * 4);
            }
        }
        return b.build();
    }

    /** Returns the expression as given (empty for {@link #ALL}). */
    @Override
    public String toString() {
        return text;
    }
}
