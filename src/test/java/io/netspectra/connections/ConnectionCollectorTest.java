package io.netspectra.connections;

import io.netspectra.config.ConnectionOptions;
import io.netspectra.config.TaskSpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The report's row order and the collector's counts, with and without a row limit. */
class ConnectionCollectorTest {
    private static final TaskSpec TASK = TaskSpec.connections("c", ConnectionOptions.DEFAULTS);

    private static ConnectionRows random(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] w = new long[n * ConnectionRows.WORDS];
        for (int r = 0; r < n; r++) {
            int o = r * ConnectionRows.WORDS;
            w[o + 1] = rnd.nextInt(4);
            w[o + 3] = rnd.nextInt(4);
            w[o + 4] = 6 | (long) rnd.nextInt(3) << 8;
            w[o + 5] = rnd.nextInt(5);
            w[o + 6] = w[o + 5] + rnd.nextInt(5);
            w[o + 7] = rnd.nextInt(3);
            w[o + 8] = rnd.nextInt(3) * 100L;   // many ties in bytes and packets
            w[o + 9] = rnd.nextInt(2);
            w[o + 10] = rnd.nextInt(2) * 50L;
            w[o + 11] = (long) rnd.nextInt(EndReason.values().length) << 16;
        }
        return new ConnectionRows(TASK, n, w);
    }

    @Test
    void topNIsThePrefixOfTheFullOrder() {
        for (long seed = 0; seed < 20; seed++) {
            ConnectionRows rows = random(500, seed);
            int[] all = ConnectionCollector.reportOrder(rows, -1);
            for (int limit : new int[] {0, 1, 7, 100, 499, 500, 600}) {
                int[] top = ConnectionCollector.reportOrder(rows, limit);
                // Compared as rows: identical rows (the data has some) may come in either index order.
                assertArrayEquals(rows.select(Arrays.copyOf(all, Math.min(limit, 500))).words(),
                        rows.select(top).words(), "seed " + seed + " top " + limit);
            }
        }
    }

    @Test
    void limitedCollectorKeepsTheTopRowsAndCountsEveryRecord() {
        ConnectionCollector all = new ConnectionCollector(TASK, -1);
        ConnectionCollector top = new ConnectionCollector(TASK, 5);
        for (long seed = 0; seed < 10; seed++) {
            ConnectionRows window = random(50, seed);
            all.add(window);
            top.add(window);
        }
        ConnectionSummary a = all.summary();
        ConnectionSummary t = top.summary();
        assertEquals(500, a.connections());
        assertEquals(500, t.connections());
        assertArrayEquals(a.reasons(), t.reasons());
        assertEquals(a.bytes(), t.bytes());
        assertEquals(5, t.rows().size());
        int[] best = ConnectionCollector.reportOrder(a.rows(), 5);
        assertArrayEquals(a.rows().select(best).words(), t.rows().words());
    }
}
