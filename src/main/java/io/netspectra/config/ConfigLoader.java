package io.netspectra.config;

import io.netspectra.NetSpectraException.ConfigException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates the YAML configuration. Every error names the file, the line and the offending value, so a
 * user can fix it without reading the source.
 */
public final class ConfigLoader {
    /** The name under which the built-in default is reported. */
    public static final String DEFAULT_SOURCE = "built-in configs/config.yaml";
    private static final String DEFAULT_RESOURCE = "/io/netspectra/config/config.yaml";
    private static final Set<String> AGGREGATOR_KEYS =
            Set.of("snapshot_interval", "clock", "storage_root_path", "num_workers", "max_keys_per_task", "tasks",
                    "bin");
    private static final Set<String> CONNECTION_KEYS = Set.of("idle_timeout", "tcp_idle_timeout",
            "udp_idle_timeout", "other_idle_timeout", "active_timeout", "fin_grace");
    private static final Set<String> SKETCH_KEYS = Set.of("distinct", "exact_limit", "lg_k", "k", "weight");
    private static final Set<String> TASK_KEYS;

    static {
        Set<String> keys = new HashSet<>(Set.of("name", "type", "key_fields"));
        keys.addAll(CONNECTION_KEYS);
        keys.addAll(SKETCH_KEYS);
        TASK_KEYS = Set.copyOf(keys);
    }

    /** The largest key limit accepted: one task's table cannot hold more keys than a Java array has slots. */
    public static final long MAX_KEYS_LIMIT = 1L << 30;

    private final String file;

    private ConfigLoader(String file) {
        this.file = file;
    }

    /** Loads {@code path}, or the built-in default when {@code path} is null. */
    public static AnalyzerConfig load(Path path) {
        if (path == null) {
            return loadDefault();
        }
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(path + ": no such config file");
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot read config: " + e.getMessage());
        }
        return new ConfigLoader(path.toString()).parse(new StringReader(text));
    }

    /** Loads the default configuration built into the jar. */
    public static AnalyzerConfig loadDefault() {
        InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("built-in config missing from the jar: " + DEFAULT_RESOURCE);
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return new ConfigLoader(DEFAULT_SOURCE).parse(r);
        } catch (IOException e) {
            throw new IllegalStateException("built-in config unreadable", e);
        }
    }

    /** Parses YAML text; {@code name} is used in messages. Visible for tests. */
    public static AnalyzerConfig parse(String name, String yaml) {
        return new ConfigLoader(name).parse(new StringReader(yaml));
    }

    private AnalyzerConfig parse(Reader reader) {
        Node root;
        try {
            root = YamlTree.compose(reader);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw error(m == null ? 0 : m.getLine() + 1, "invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(file + ": invalid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new ConfigException(file + ": empty config, expected an 'aggregator' section");
        }
        MappingNode top = mapping(root, "the top level");
        Node aggregator = null;
        for (NodeTuple t : top.getValue()) {
            String key = scalar(t.getKeyNode(), "a key");
            if (!key.equals("aggregator")) {
                throw error(t.getKeyNode(), "unknown section '" + key + "', expected 'aggregator'");
            }
            aggregator = t.getValueNode();
        }
        if (aggregator == null) {
            throw error(root, "missing 'aggregator' section");
        }
        return aggregator(mapping(aggregator, "'aggregator'"));
    }

    private AnalyzerConfig aggregator(MappingNode node) {
        long interval = 30_000_000_000L;
        Clock clock = Clock.CAPTURE;
        Path root = Path.of("./ns-snapshots");
        int workers = 0;
        long maxKeys = AnalyzerConfig.AUTO_MAX_KEYS;
        List<TaskSpec> tasks = null;
        long bin = 0;
        Node binNode = null;
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : node.getValue()) {
            String key = scalar(t.getKeyNode(), "a key");
            Node value = t.getValueNode();
            if (!AGGREGATOR_KEYS.contains(key)) {
                throw error(t.getKeyNode(), "unknown option '" + key + "', expected one of " + sorted(AGGREGATOR_KEYS));
            }
            if (!seen.add(key)) {
                throw error(t.getKeyNode(), "option '" + key + "' given twice");
            }
            switch (key) {
                case "snapshot_interval" -> {
                    String text = scalar(value, "snapshot_interval");
                    interval = Durations.parseNanos(text);
                    if (interval < 0) {
                        throw error(value, "bad duration '" + text + "' for snapshot_interval, expected e.g. 30s, "
                                + "500ms, 5m, 1h or 0");
                    }
                }
                case "clock" -> {
                    String text = scalar(value, "clock");
                    clock = switch (text) {
                        case "capture" -> Clock.CAPTURE;
                        case "wall" -> Clock.WALL;
                        default -> throw error(value, "bad clock '" + text + "', expected capture or wall");
                    };
                }
                case "storage_root_path" -> {
                    String text = scalar(value, "storage_root_path");
                    if (text.isBlank()) {
                        throw error(value, "storage_root_path is empty");
                    }
                    root = Path.of(text);
                }
                case "num_workers" -> {
                    String text = scalar(value, "num_workers");
                    try {
                        workers = Integer.parseInt(text);
                    } catch (NumberFormatException e) {
                        workers = -1;
                    }
                    if (workers < 0 || workers > 1024) {
                        throw error(value, "bad num_workers '" + text + "', expected 0 (automatic) to 1024");
                    }
                }
                case "max_keys_per_task" -> {
                    String text = scalar(value, "max_keys_per_task");
                    maxKeys = parseMaxKeys(text);
                    if (maxKeys < 0) {
                        throw error(value, "bad max_keys_per_task '" + text + "', expected auto or a whole number "
                                + "from 1 to " + MAX_KEYS_LIMIT);
                    }
                }
                case "bin" -> {
                    bin = bin(value);
                    binNode = value;
                }
                default -> tasks = tasks(value);
            }
        }
        if (tasks == null) {
            throw error(node, "missing 'tasks' under 'aggregator'");
        }
        AnalyzerConfig config = new AnalyzerConfig(file, interval, clock, root, workers, tasks, bin, maxKeys);
        String binProblem = config.binProblem();
        if (binProblem != null) {
            throw error(binNode, "bin '" + scalar(binNode, "bin") + "': " + binProblem);
        }
        return config;
    }

    /** Parses {@code bin:}, the time bin length of the flows tasks' series: a positive duration, or 0 for none. */
    private long bin(Node value) {
        String text = scalar(value, "bin");
        long nanos = Durations.parseNanos(text);
        if (nanos < 0) {
            throw error(value, "bad duration '" + text + "' for bin, expected e.g. 1s, 100ms, 1m or 0 (no bins)");
        }
        return nanos;
    }

    /**
     * Parses a key limit: {@code auto} gives {@link AnalyzerConfig#AUTO_MAX_KEYS}; a whole number from 1 to
     * {@link #MAX_KEYS_LIMIT} (underscores allowed, as in {@code 2_000_000}) gives itself; anything else gives -1.
     */
    public static long parseMaxKeys(String text) {
        if (text.equals("auto")) {
            return AnalyzerConfig.AUTO_MAX_KEYS;
        }
        if (!text.matches("[0-9][0-9_]*")) {
            return -1;
        }
        try {
            long n = Long.parseLong(text.replace("_", ""));
            return n >= 1 && n <= MAX_KEYS_LIMIT ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private List<TaskSpec> tasks(Node node) {
        if (!(node instanceof SequenceNode seq)) {
            throw error(node, "'tasks' must be a list of {name, key_fields}");
        }
        if (seq.getValue().isEmpty()) {
            throw error(node, "'tasks' is empty, expected at least one task");
        }
        List<TaskSpec> tasks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node item : seq.getValue()) {
            TaskSpec task = task(mapping(item, "a task"));
            if (!names.add(task.name())) {
                throw error(item, "duplicate task name '" + task.name() + "'");
            }
            tasks.add(task);
        }
        return tasks;
    }

    private TaskSpec task(MappingNode node) {
        String name = null;
        List<KeyField> fields = null;
        Node fieldsNode = null;
        TaskType type = TaskType.FLOWS;
        Map<String, NodeTuple> connectionOptions = new LinkedHashMap<>();
        Map<String, Node> sketchOptions = new LinkedHashMap<>();
        for (NodeTuple t : node.getValue()) {
            String key = scalar(t.getKeyNode(), "a key");
            if (!TASK_KEYS.contains(key)) {
                throw error(t.getKeyNode(), "unknown task option '" + key + "', expected one of " + sorted(TASK_KEYS));
            }
            if (key.equals("name")) {
                name = scalar(t.getValueNode(), "name");
                if (!name.matches("[A-Za-z0-9_.-]+")) {
                    throw error(t.getValueNode(), "bad task name '" + name
                            + "', use letters, digits, '_', '-' and '.' (it names a folder)");
                }
            } else if (key.equals("type")) {
                String text = scalar(t.getValueNode(), "type");
                type = TaskType.byLabel(text);
                if (type == null) {
                    throw error(t.getValueNode(), "unknown task type '" + text + "', expected one of "
                            + TaskType.labels());
                }
            } else if (key.equals("key_fields")) {
                fieldsNode = t.getKeyNode();
                fields = keyFields(t.getValueNode());
            } else if (CONNECTION_KEYS.contains(key)) {
                if (connectionOptions.put(key, t) != null) {
                    throw error(t.getKeyNode(), "task option '" + key + "' given twice");
                }
            } else {
                sketchOptions.put(key, t.getKeyNode());
                sketchOptions.put(key + ".value", t.getValueNode());
            }
        }
        if (name == null) {
            throw error(node, "task without a 'name'");
        }
        if (type == TaskType.CONNECTIONS) {
            if (fieldsNode != null) {
                throw error(fieldsNode, "task '" + name + "' of type connections takes no 'key_fields': a connection "
                        + "is always keyed by the five-tuple in both directions (originator as Src)");
            }
            if (!sketchOptions.isEmpty()) {
                String option = sketchOptions.keySet().iterator().next();
                throw error(sketchOptions.get(option), "option '" + option + "' does not apply to task '" + name
                        + "' of type connections");
            }
            return TaskSpec.connections(name, connectionOptions(connectionOptions));
        }
        if (!connectionOptions.isEmpty()) {
            NodeTuple first = connectionOptions.values().iterator().next();
            throw error(first.getKeyNode(), "task option '" + scalar(first.getKeyNode(), "a key")
                    + "' applies to type connections only (task '" + name + "' is " + type.label() + ")");
        }
        if (fields == null) {
            throw error(node, "task '" + name + "' has no 'key_fields'");
        }
        return new TaskSpec(name, fields, type, sketchSpec(name, type, fields, sketchOptions));
    }

    /** Validates a task's sketch options against its type; {@code options} maps each option to its key node. */
    private SketchSpec sketchSpec(String task, TaskType type, List<KeyField> fields, Map<String, Node> options) {
        SketchSpec d = SketchSpec.defaults(type);
        List<KeyField> distinct = d.distinct();
        int exactLimit = d.exactLimit();
        int lgK = d.lgK();
        int k = d.k();
        SketchSpec.Weight weight = d.weight();
        for (String option : List.of("distinct", "exact_limit", "lg_k", "k", "weight")) {
            Node keyNode = options.get(option);
            if (keyNode == null) {
                continue;
            }
            Node value = options.get(option + ".value");
            boolean allowed = switch (option) {
                case "distinct" -> type == TaskType.FLOWS;
                case "exact_limit" -> type != TaskType.HEAVY_HITTERS;
                case "lg_k" -> true;
                default -> type == TaskType.HEAVY_HITTERS;
            };
            if (!allowed) {
                throw error(keyNode, "option '" + option + "' does not apply to task '" + task + "' of type "
                        + type.label());
            }
            switch (option) {
                case "distinct" -> {
                    distinct = keyFields(value);
                    for (KeyField f : distinct) {
                        if (fields.contains(f)) {
                            throw error(value, "distinct field '" + f.label() + "' is part of the key of task '"
                                    + task + "', so it has one value per key");
                        }
                    }
                }
                case "exact_limit" -> exactLimit = intOption(value, "exact_limit", 0, 1_000_000);
                case "lg_k" -> lgK = type == TaskType.HEAVY_HITTERS ? intOption(value, "lg_k", 3, 20)
                        : intOption(value, "lg_k", 4, 21);
                case "k" -> k = intOption(value, "k", 1, 10_000);
                default -> {
                    String text = scalar(value, "weight");
                    weight = switch (text) {
                        case "bytes" -> SketchSpec.Weight.BYTES;
                        case "packets" -> SketchSpec.Weight.PACKETS;
                        default -> throw error(value, "bad weight '" + text + "', expected bytes or packets");
                    };
                }
            }
        }
        if (options.containsKey("exact_limit") && type == TaskType.FLOWS && distinct.isEmpty()) {
            throw error(options.get("exact_limit"), "option 'exact_limit' needs 'distinct' on task '" + task + "'");
        }
        if (options.containsKey("lg_k") && type == TaskType.FLOWS && distinct.isEmpty()) {
            throw error(options.get("lg_k"), "option 'lg_k' needs 'distinct' on task '" + task + "'");
        }
        if (type == TaskType.HEAVY_HITTERS && k > (3 << lgK) / 4) {
            throw error(options.getOrDefault("k", options.get("lg_k")), "k " + k + " is more than the "
                    + ((3 << lgK) / 4) + " keys a frequent-items map of 2^" + lgK + " tracks; raise lg_k");
        }
        return new SketchSpec(distinct, exactLimit, lgK, k, weight);
    }

    private int intOption(Node value, String option, int min, int max) {
        String text = scalar(value, option);
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            n = Integer.MIN_VALUE;
        }
        if (n < min || n > max) {
            throw error(value, "bad " + option + " '" + text + "', expected a whole number from " + min + " to "
                    + max);
        }
        return n;
    }

    /** Reads a connections task's timeouts: {@code idle_timeout} sets all three idle timeouts, the others override. */
    private ConnectionOptions connectionOptions(Map<String, NodeTuple> options) {
        ConnectionOptions d = ConnectionOptions.DEFAULTS;
        long all = duration(options.get("idle_timeout"), -1, false);
        long tcp = duration(options.get("tcp_idle_timeout"), all > 0 ? all : d.tcpIdle(), false);
        long udp = duration(options.get("udp_idle_timeout"), all > 0 ? all : d.udpIdle(), false);
        long other = duration(options.get("other_idle_timeout"), all > 0 ? all : d.otherIdle(), false);
        long active = duration(options.get("active_timeout"), d.active(), true);
        long grace = duration(options.get("fin_grace"), d.finGrace(), true);
        return new ConnectionOptions(tcp, udp, other, active, grace);
    }

    /** Returns the duration in {@code option}, or {@code absent} when it is null; 0 only where {@code zeroOk}. */
    private long duration(NodeTuple option, long absent, boolean zeroOk) {
        if (option == null) {
            return absent;
        }
        String key = scalar(option.getKeyNode(), "a key");
        String text = scalar(option.getValueNode(), key);
        long nanos = Durations.parseNanos(text);
        if (nanos < 0 || (nanos == 0 && !zeroOk)) {
            throw error(option.getValueNode(), "bad duration '" + text + "' for " + key + ", expected e.g. 30s, 5m"
                    + (zeroOk ? " or 0 (off)" : " (more than 0)"));
        }
        return nanos;
    }

    private List<KeyField> keyFields(Node node) {
        if (!(node instanceof SequenceNode seq)) {
            throw error(node, "key_fields must be a list such as [SrcIP, DstPort]");
        }
        if (seq.getValue().isEmpty()) {
            throw error(node, "key_fields is empty, expected one or more of SrcIP, DstIP, SrcPort, DstPort, "
                    + "Protocol");
        }
        EnumSet<KeyField> seen = EnumSet.noneOf(KeyField.class);
        List<KeyField> fields = new ArrayList<>();
        for (Node item : seq.getValue()) {
            String label = scalar(item, "a key field");
            KeyField f = KeyField.byLabel(label);
            if (f == null) {
                throw error(item, "unknown key field '" + label + "', expected one of SrcIP, DstIP, SrcPort, "
                        + "DstPort, Protocol");
            }
            if (!seen.add(f)) {
                throw error(item, "key field '" + label + "' listed twice");
            }
            fields.add(f);
        }
        return fields;
    }

    private MappingNode mapping(Node node, String what) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(node, what + " must be a mapping of 'key: value'");
    }

    private String scalar(Node node, String what) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(node, what + " must be a single value");
    }

    private ConfigException error(Node node, String message) {
        return error(node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1, message);
    }

    private ConfigException error(int line, String message) {
        return new ConfigException(file + ":" + line + ": " + message);
    }

    private static String sorted(Set<String> keys) {
        return String.join(", ", new java.util.TreeSet<>(keys));
    }
}
