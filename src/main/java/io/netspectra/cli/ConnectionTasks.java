package io.netspectra.cli;

import io.netspectra.aggregate.Derivation;
import io.netspectra.aggregate.StripedAggregator;
import io.netspectra.config.AnalyzerConfig;
import io.netspectra.config.Clock;
import io.netspectra.config.TaskSpec;
import io.netspectra.config.TaskType;
import io.netspectra.connections.ConnectionCollector;
import io.netspectra.connections.ConnectionSummary;
import io.netspectra.connections.ConnectionTracker;
import io.netspectra.pipeline.OrderedConsumer;
import io.netspectra.report.ConnectionSet;
import io.netspectra.store.RunWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's connections tasks: one {@link ConnectionTracker} per task on the ordered thread, writing each window's
 * ended connections to {@code <window>/<task>/connections.nss} (when snapshots are written) and gathering them for the
 * report.
 */
final class ConnectionTasks {
    private final List<ConnectionTracker> trackers = new ArrayList<>();
    private final List<ConnectionCollector> collectors = new ArrayList<>();

    /**
     * @param writer where to write snapshots; null for none
     * @param limit  rows per task kept for the report; negative for all
     */
    ConnectionTasks(AnalyzerConfig cfg, RunWriter writer, int limit) {
        for (TaskSpec t : cfg.tasks()) {
            if (t.type() != TaskType.CONNECTIONS) {
                continue;
            }
            ConnectionCollector collector = new ConnectionCollector(t, limit);
            collectors.add(collector);
            trackers.add(new ConnectionTracker(t, cfg.clock() == Clock.CAPTURE, (start, end, rows, last) -> {
                if (writer != null && rows.size() > 0) {
                    writer.writeConnections(start, end, rows);
                }
                collector.add(rows);
            }));
        }
    }

    /**
     * Returns the keyed-flow aggregators of {@code cfg}'s flows tasks, in config order; a task whose fields are among
     * another's is derived from it ({@link Derivation}).
     */
    static List<StripedAggregator> flowAggregators(AnalyzerConfig cfg) {
        List<TaskSpec> flows = new ArrayList<>();
        for (TaskSpec t : cfg.tasks()) {
            if (t.type() == TaskType.FLOWS) {
                flows.add(t);
            }
        }
        return Derivation.aggregators(flows);
    }

    List<OrderedConsumer> consumers() {
        return List.copyOf(trackers);
    }

    /** Returns each task's summary, in config order; call after the run. */
    List<ConnectionSummary> summaries() {
        return collectors.stream().map(ConnectionCollector::summary).toList();
    }

    /** Returns the summaries as report sets in report order, at most {@code top} rows each (all when negative). */
    static List<ConnectionSet> reportSets(List<ConnectionSummary> summaries, int top) {
        List<ConnectionSet> out = new ArrayList<>();
        for (ConnectionSummary s : summaries) {
            out.add(new ConnectionSet(s, ConnectionCollector.reportOrder(s.rows(), top), null, null));
        }
        return out;
    }
}
