package io.netspectra.pipeline;

import io.netspectra.config.AnalyzerConfig;
import io.netspectra.config.ConfigLoader;
import io.netspectra.config.ConnectionOptions;
import io.netspectra.config.TaskSpec;
import io.netspectra.config.TaskType;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeyBudgetTest {

    @Test
    void autoGivesHalfTheHeapToSixTablesOfEveryTaskAtThreeEighthsLoad() {
        AnalyzerConfig cfg = ConfigLoader.loadDefault();
        // Default tasks: SrcIP and DstIP keys are 3 words, the port and protocol keys 1, the five-tuple 5; each slot
        // adds 4 statistic words. (7 + 7 + 5 + 5 + 5 + 9) * 8 bytes * 8/3 * 6 = 4864 bytes per key.
        long heap = 2L << 30;
        assertEquals((long) (heap * 0.5 / 4864), KeyBudget.maxKeysPerTask(cfg, heap));
        assertEquals((long) (heap * 0.5 / 4864), KeyBudget.auto(Stream.concat(cfg.tasks().stream(), Stream.of(TaskSpec
                .connections("c", ConnectionOptions.DEFAULTS), new TaskSpec("h", TaskSpec.FIVE_TUPLE,
                TaskType.HEAVY_HITTERS))).toList(), heap), "connections and sketch-only tasks hold no keyed tables");
    }

    @Test
    void autoNeverGoesBelowTheFloorAndAGivenLimitIsKept() {
        AnalyzerConfig cfg = ConfigLoader.loadDefault();
        assertEquals(KeyBudget.MIN_AUTO, KeyBudget.maxKeysPerTask(cfg, 1 << 20));
        assertEquals(1234, KeyBudget.maxKeysPerTask(cfg.withMaxKeysPerTask(1234), 1 << 20));
    }
}
