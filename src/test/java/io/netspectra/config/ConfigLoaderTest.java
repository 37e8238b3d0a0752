package io.netspectra.config;

import io.netspectra.NetSpectraException.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigLoaderTest {

    @Test
    void automaticWorkersLeaveOneProcessorToTheReaderButNeverFallBelowOne() {
        assertEquals(1, AnalyzerConfig.automaticWorkers(1));
        assertEquals(1, AnalyzerConfig.automaticWorkers(2));
        assertEquals(7, AnalyzerConfig.automaticWorkers(8));
        int processors = Runtime.getRuntime().availableProcessors();
        assertEquals(AnalyzerConfig.automaticWorkers(processors), ConfigLoader.loadDefault().effectiveWorkers());
        assertEquals(3, ConfigLoader.loadDefault().withWorkers(3).effectiveWorkers());
    }

    @Test
    void builtInDefaultHasTheSixDocumentedTasks() {
        AnalyzerConfig c = ConfigLoader.loadDefault();
        assertEquals(30_000_000_000L, c.snapshotIntervalNanos());
        assertEquals(Clock.CAPTURE, c.clock());
        assertEquals(Path.of("./ns-snapshots"), c.storageRoot());
        assertEquals(0, c.workers());
        assertEquals(List.of("by_src_ip", "by_dst_ip", "by_src_port", "by_dst_port", "by_protocol", "by_five_tuple"),
                c.tasks().stream().map(TaskSpec::name).toList());
        assertEquals(List.of(KeyField.SRC_IP, KeyField.DST_IP, KeyField.SRC_PORT, KeyField.DST_PORT,
                KeyField.PROTOCOL), c.tasks().get(5).keyFields());
    }

    @Test
    void acceptsAnySubsetOfKeyFieldsInConfiguredOrder() {
        AnalyzerConfig c = ConfigLoader.parse("c.yaml", """
                aggregator:
                  snapshot_interval: 1m30s
                  clock: wall
                  num_workers: 3
                  tasks:
                    - {name: port_pair, key_fields: [DstPort, SrcPort]}
                """);
        assertEquals(90_000_000_000L, c.snapshotIntervalNanos());
        assertEquals(Clock.WALL, c.clock());
        assertEquals(3, c.effectiveWorkers());
        assertEquals(List.of(KeyField.DST_PORT, KeyField.SRC_PORT), c.tasks().get(0).keyFields());
    }

    @Test
    void maxKeysPerTaskIsAutoByDefaultAndTakesAWholeNumber() {
        assertEquals(AnalyzerConfig.AUTO_MAX_KEYS, ConfigLoader.loadDefault().maxKeysPerTask());
        AnalyzerConfig c = ConfigLoader.parse("c.yaml", """
                aggregator:
                  max_keys_per_task: 2_000_000
                  tasks:
                    - {name: a, key_fields: [SrcIP]}
                """);
        assertEquals(2_000_000L, c.maxKeysPerTask());
        assertEquals(2_000_000L, c.withWorkers(3).withSnapshotInterval(0).maxKeysPerTask());
    }

    @Test
    void rejectsMaxKeysPerTaskOfZeroWithItsLine() {
        assertError("c.yaml:2: bad max_keys_per_task '0', expected auto or a whole number from 1 to 1073741824", """
                aggregator:
                  max_keys_per_task: 0
                  tasks:
                    - {name: a, key_fields: [SrcIP]}
                """);
    }

    @Test
    void taskTypeDefaultsToFlowsAndMayBeGiven() {
        AnalyzerConfig c = ConfigLoader.parse("c.yaml", """
                aggregator:
                  tasks:
                    - {name: a, key_fields: [SrcIP]}
                    - {name: b, type: flows, key_fields: [DstIP]}
                """);
        assertEquals(List.of(TaskType.FLOWS, TaskType.FLOWS), c.tasks().stream().map(TaskSpec::type).toList());
    }

    @Test
    void binIsOffByDefaultAndTakesADurationThatDividesTheInterval() {
        assertEquals(0, ConfigLoader.loadDefault().binNanos());
        AnalyzerConfig c = ConfigLoader.parse("c.yaml", """
                aggregator:
                  snapshot_interval: 1m
                  bin: 500ms
                  tasks:
                    - {name: a, key_fields: [SrcIP]}
                """);
        assertEquals(500_000_000L, c.binNanos());
    }

    @Test
    void rejectsABinThatIsNotADurationWithItsLine() {
        assertError("c.yaml:3: bad duration 'fast' for bin, expected e.g. 1s, 100ms, 1m or 0 (no bins)", """
                aggregator:
                  snapshot_interval: 1m
                  bin: fast
                  tasks:
                    - {name: a, key_fields: [SrcIP]}
                """);
    }

    @Test
    void rejectsABinThatDoesNotDivideTheSnapshotInterval() {
        assertError("c.yaml:4: bin '7s': snapshot interval 30s is not a multiple of it, so bins would straddle "
                + "windows; use a bin that divides the interval, or interval 0", """
                aggregator:
                  tasks:
                    - {name: a, key_fields: [SrcIP]}
                  bin: 7s
                """);
    }

    @Test
    void rejectsBinsWithWallClockWindows() {
        assertError("c.yaml:4: bin '1s': with clock wall, bins need snapshot_interval 0 (wall-clock windows do not "
                + "fall on bin boundaries)", """
                aggregator:
                  snapshot_interval: 10s
                  clock: wall
                  bin: 1s
                  tasks:
                    - {name: a, key_fields: [SrcIP]}
                """);
    }

    @Test
    void rejectsUnknownTaskTypeWithItsLine() {
        assertError("c.yaml:4: unknown task type 'netflow', expected one of flows, heavy_hitters, cardinality, "
                + "connections", """
                aggregator:
                  tasks:
                    - name: a
                      type: netflow
                      key_fields: [SrcIP]
                """);
    }

    @Test
    void rejectsDuplicateTaskNameWithItsLine() {
        assertError("c.yaml:5: duplicate task name 'a'", """
                aggregator:
                  snapshot_interval: 30s
                  tasks:
                    - {name: a, key_fields: [SrcIP]}
                    - {name: a, key_fields: [DstIP]}
                """);
    }

    @Test
    void rejectsEmptyKeyList() {
        assertError("c.yaml:3: key_fields is empty, expected one or more of SrcIP, DstIP, SrcPort, DstPort, Protocol",
                """
                aggregator:
                  tasks:
                    - {name: a, key_fields: []}
                """);
    }

    @Test
    void rejectsBadDuration() {
        assertError("c.yaml:2: bad duration 'thirty' for snapshot_interval, expected e.g. 30s, 500ms, 5m, 1h or 0",
                """
                aggregator:
                  snapshot_interval: thirty
                  tasks:
                    - {name: a, key_fields: [SrcIP]}
                """);
    }

    @Test
    void rejectsUnknownOptionNamingIt() {
        assertError("c.yaml:2: unknown option 'snapshot_intervall', expected one of bin, clock, max_keys_per_task, "
                + "num_workers, "
                + "snapshot_interval, storage_root_path, tasks", """
                aggregator:
                  snapshot_intervall: 30s
                  tasks:
                    - {name: a, key_fields: [SrcIP]}
                """);
    }

    @Test
    void rejectsRepeatedKeyField() {
        assertError("c.yaml:3: key field 'SrcIP' listed twice", """
                aggregator:
                  tasks:
                    - {name: a, key_fields: [SrcIP, SrcIP]}
                """);
    }

    @Test
    void rejectsInvalidYamlWithItsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("c.yaml", """
                aggregator:
                  tasks: [
                """));
        assertEquals(true, e.getMessage().startsWith("c.yaml:3: invalid YAML"), e.getMessage());
    }

    @Test
    void rejectsMissingFileNamingIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Path.of("/nope.yaml")));
        assertEquals("/nope.yaml: no such config file", e.getMessage());
    }

    @Test
    void parsesAndFormatsDurations() {
        assertEquals(0, Durations.parseNanos("0"));
        assertEquals(500_000_000L, Durations.parseNanos("500ms"));
        assertEquals(3_600_000_000_000L, Durations.parseNanos("1h"));
        assertEquals(-1, Durations.parseNanos("5 s"));
        assertEquals(-1, Durations.parseNanos("-5s"));
        assertEquals(-1, Durations.parseNanos(""));
        assertEquals("30s", Durations.format(30_000_000_000L));
        assertEquals("1500ms", Durations.format(1_500_000_000L));
    }

    @Test
    void connectionsTaskTakesTheFiveTupleAndDocumentedDefaults() {
        AnalyzerConfig c = ConfigLoader.parse("c.yaml", """
                aggregator:
                  tasks:
                    - {name: conns, type: connections}
                """);
        TaskSpec t = c.tasks().get(0);
        assertEquals(TaskType.CONNECTIONS, t.type());
        assertEquals(TaskSpec.FIVE_TUPLE, t.keyFields());
        assertEquals(ConnectionOptions.DEFAULTS, t.connections());
        assertEquals(300_000_000_000L, t.connections().tcpIdle());
        assertEquals(60_000_000_000L, t.connections().udpIdle());
        assertEquals(60_000_000_000L, t.connections().otherIdle());
        assertEquals(300_000_000_000L, t.connections().active());
        assertEquals(5_000_000_000L, t.connections().finGrace());
    }

    @Test
    void idleTimeoutSetsEveryProtocolAndPerProtocolOptionsOverride() {
        AnalyzerConfig c = ConfigLoader.parse("c.yaml", """
                aggregator:
                  tasks:
                    - name: conns
                      type: connections
                      idle_timeout: 2m
                      udp_idle_timeout: 30s
                      active_timeout: 0
                      fin_grace: 1s
                """);
        ConnectionOptions o = c.tasks().get(0).connections();
        assertEquals(new ConnectionOptions(120_000_000_000L, 30_000_000_000L, 120_000_000_000L, 0, 1_000_000_000L),
                o);
    }

    @Test
    void rejectsKeyFieldsOnAConnectionsTask() {
        assertError("c.yaml:5: task 'conns' of type connections takes no 'key_fields': a connection is always keyed "
                + "by the five-tuple in both directions (originator as Src)", """
                aggregator:
                  tasks:
                    - name: conns
                      type: connections
                      key_fields: [SrcIP]
                """);
    }

    @Test
    void rejectsConnectionOptionsOnAFlowsTask() {
        assertError("c.yaml:5: task option 'idle_timeout' applies to type connections only (task 'a' is flows)", """
                aggregator:
                  tasks:
                    - name: a
                      key_fields: [SrcIP]
                      idle_timeout: 1m
                """);
    }

    @Test
    void rejectsSketchOptionsOnAConnectionsTaskAndConnectionOptionsOnASketchTask() {
        assertError("c.yaml:5: option 'lg_k' does not apply to task 'conns' of type connections", """
                aggregator:
                  tasks:
                    - name: conns
                      type: connections
                      lg_k: 10
                """);
        assertError("c.yaml:6: task option 'fin_grace' applies to type connections only (task 'hh' is heavy_hitters)",
                """
                aggregator:
                  tasks:
                    - name: hh
                      type: heavy_hitters
                      key_fields: [DstIP]
                      fin_grace: 1s
                """);
    }

    @Test
    void rejectsBadConnectionTimeouts() {
        assertError("c.yaml:4: bad duration 'soon' for tcp_idle_timeout, expected e.g. 30s, 5m (more than 0)", """
                aggregator:
                  tasks:
                    - name: conns
                      tcp_idle_timeout: soon
                      type: connections
                """);
        assertError("c.yaml:4: bad duration '0' for idle_timeout, expected e.g. 30s, 5m (more than 0)", """
                aggregator:
                  tasks:
                    - name: conns
                      idle_timeout: 0
                      type: connections
                """);
        assertError("c.yaml:4: bad duration '-1s' for fin_grace, expected e.g. 30s, 5m or 0 (off)", """
                aggregator:
                  tasks:
                    - name: conns
                      fin_grace: -1s
                      type: connections
                """);
    }

    private static void assertError(String message, String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("c.yaml", yaml));
        assertEquals(message, e.getMessage());
    }
}
