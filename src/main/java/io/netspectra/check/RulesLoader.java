package io.netspectra.check;

import io.netspectra.NetSpectraException;
import io.netspectra.NetSpectraException.ConfigException;
import io.netspectra.config.YamlTree;
import io.netspectra.query.Comparison;
import io.netspectra.query.Metric;
import io.netspectra.query.RowFilter;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads a rules file ({@code rules:} followed by a list of rules). Every error is a {@link ConfigException} (exit 2)
 * naming the file, the line and the offending value.
 */
public final class RulesLoader {
    private static final Set<String> KEYS = Set.of("name", "task", "where", "metric", "operator", "threshold",
            "aggregate");

    private final String file;

    private RulesLoader(String file) {
        this.file = file;
    }

    /** Loads the rules of {@code path}. */
    public static List<Rule> load(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(path + ": no such rules file");
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot read rules: " + e.getMessage());
        }
        return parse(path.toString(), text);
    }

    /** Parses rules from {@code yaml}; {@code name} names it in messages. */
    public static List<Rule> parse(String name, String yaml) {
        return new RulesLoader(name).parse(yaml);
    }

    private List<Rule> parse(String yaml) {
        Node root;
        try {
            root = YamlTree.compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw error(m == null ? 0 : m.getLine() + 1, "invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(file + ": invalid YAML: " + e.getMessage());
        }
        if (!(root instanceof MappingNode top) || top.getValue().size() != 1
                || !"rules".equals(scalarOrNull(top.getValue().get(0).getKeyNode()))) {
            throw error(root == null ? 1 : line(root), "expected one top-level key 'rules' holding a list of rules");
        }
        Node list = top.getValue().get(0).getValueNode();
        if (!(list instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            throw error(line(list), "'rules' must be a non-empty list of rules");
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node item : seq.getValue()) {
            Rule r = rule(item);
            if (!names.add(r.name())) {
                throw error(line(item), "duplicate rule name '" + r.name() + "'");
            }
            rules.add(r);
        }
        return rules;
    }

    private Rule rule(Node node) {
        if (!(node instanceof MappingNode m)) {
            throw error(line(node), "a rule must be a mapping with name, task, metric, operator, threshold");
        }
        Map<String, Node> values = new HashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalar(t.getKeyNode(), "a key");
            if (!KEYS.contains(key)) {
                throw error(line(t.getKeyNode()), "unknown rule key '" + key + "', expected one of "
                        + String.join(", ", new TreeSet<>(KEYS)));
            }
            if (values.put(key, t.getValueNode()) != null) {
                throw error(line(t.getKeyNode()), "rule key '" + key + "' given twice");
            }
        }
        for (String required : List.of("name", "task", "metric", "operator", "threshold")) {
            if (!values.containsKey(required)) {
                throw error(line(node), "rule without '" + required + "'");
            }
        }
        String name = scalar(values.get("name"), "name");
        String task = scalar(values.get("task"), "task");
        String metricText = scalar(values.get("metric"), "metric");
        String sketchMetric = Metric.byLabel(metricText) == null
                && metricText.trim().matches("distinct(_(SrcIP|DstIP|SrcPort|DstPort|Protocol))+")
                ? metricText.trim() : null;
        Metric metric = sketchMetric != null ? Metric.FLOWS : Metric.byLabel(metricText);
        if (metric == null) {
            throw error(line(values.get("metric")), "rule " + name + ": unknown metric '" + metricText
                    + "', expected packets, bytes, duration, flows, a distinct count such as distinct_DstIP, or for "
                    + "connections orig_packets, orig_bytes, resp_packets, resp_bytes");
        }
        String opText = scalar(values.get("operator"), "operator");
        Comparison op = Comparison.bySymbol(opText);
        if (op == null) {
            throw error(line(values.get("operator")), "rule " + name + ": unknown operator '" + opText
                    + "', expected one of > >= < <= == !=");
        }
        String thresholdText = scalar(values.get("threshold"), "threshold");
        long threshold = translate(values.get("threshold"),
                () -> metric.parse("threshold of rule " + name, thresholdText));
        RowFilter where = RowFilter.ALL;
        if (values.containsKey("where")) {
            String text = scalar(values.get("where"), "where");
            where = translate(values.get("where"), () -> RowFilter.parse(text));
        }
        boolean aggregate = false;
        if (values.containsKey("aggregate")) {
            String text = scalar(values.get("aggregate"), "aggregate");
            if (!text.equals("true") && !text.equals("false")) {
                throw error(line(values.get("aggregate")), "rule " + name + ": aggregate must be true or false, got '"
                        + text + "'");
            }
            aggregate = text.equals("true");
        }
        if (sketchMetric != null && aggregate) {
            throw error(line(values.get("aggregate")), "rule " + name + ": " + sketchMetric + " is tested per key; "
                    + "distinct counts do not add up, so it takes no aggregate: true");
        }
        if (metric == Metric.FLOWS && !aggregate && sketchMetric == null) {
            throw error(line(values.get("metric")), "rule " + name + ": metric flows counts keys, so it needs "
                    + "aggregate: true");
        }
        return new Rule(name, task, where, metric, op, threshold, thresholdText, aggregate, file + ":" + line(node),
                sketchMetric);
    }

    /** Runs {@code parse}, prefixing its error with this file and {@code node}'s line. */
    private <T> T translate(Node node, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (NetSpectraException e) {
            throw error(line(node), e.getMessage());
        }
    }

    private String scalar(Node node, String what) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(line(node), what + " must be a single value");
    }

    private static String scalarOrNull(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private ConfigException error(int line, String message) {
        return new ConfigException(file + ":" + line + ": " + message);
    }
}
