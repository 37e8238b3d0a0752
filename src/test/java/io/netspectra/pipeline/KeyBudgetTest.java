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
    void autoGivesHalfTheHeapToSixJustGrownTablesOfEveryTask() {
        AnalyzerConfig cfg = ConfigLoader.loadDefault();
        // Default tasks: SrcIP and DstIP keys are 3 words, the port and protocol keys 1, the five-tuple 5; each entry
        // adds 4 statistic words and may have a quarter to spare, and the index takes 4 bytes at 3/8 full:
        // ((7 + 7 + 5 + 5 + 5 + 9) * 8 * 5/4 + 6 * 4 * 8/3) * 6 = (380 + 64) * 6 = 2664 bytes per key.
        long heap = 2L << 30;
        assertEquals((long) (heap * 0.5 / 2664), KeyBudget.maxKeysPerTask(cfg, heap));
        assertEquals((long) (heap * 0.5 / 2664), KeyBudget.auto(Stream.concat(cfg.tasks().stream(), Stream.of(TaskSpec
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
