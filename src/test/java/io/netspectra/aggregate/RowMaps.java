package io.netspectra.aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rows as a map from key words to (packets, bytes, first, last), for comparing tables in tests. */
final class RowMaps {
    private RowMaps() {
    }

    /** Returns the rows by key; fails when a key appears twice. */
    static Map<List<Long>, List<Long>> of(FlowRows rows, int width) {
        Map<List<Long>, List<Long>> m = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            List<Long> key = new ArrayList<>();
            for (int w = 0; w < width; w++) {
                key.add(rows.keyWord(i, w));
            }
            m.put(key, List.of(rows.packets(i), rows.bytes(i), rows.first(i), rows.last(i)));
        }
        assertEquals(rows.size(), m.size(), "distinct keys");
        return m;
    }
}
