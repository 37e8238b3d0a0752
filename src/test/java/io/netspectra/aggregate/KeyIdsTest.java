package io.netspectra.aggregate;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class KeyIdsTest {

    @Test
    void givesDenseIdsInFirstSeenOrderThroughManyRehashes() {
        KeyIds ids = new KeyIds(3);
        Map<List<Long>, Integer> reference = new HashMap<>();
        SplittableRandom r = new SplittableRandom(7);
        long[] key = new long[3];
        for (int i = 0; i < 50_000; i++) {
            key[0] = 0;
            key[1] = r.nextInt(20_000);
            key[2] = r.nextInt(3) - 1;
            List<Long> k = List.of(key[0], key[1], key[2]);
            int expected = reference.computeIfAbsent(k, x -> reference.size());
            assertEquals(expected, ids.idOf(key, 0), "key " + k);
        }
        assertEquals(reference.size(), ids.size());
        long[] words = ids.copyWords();
        assertEquals(ids.size() * 3, words.length);
        reference.forEach((k, id) -> {
            assertArrayEquals(new long[] {k.get(0), k.get(1), k.get(2)}, new long[] {words[id * 3],
                    words[id * 3 + 1], words[id * 3 + 2]});
            assertEquals(id, ids.find(new long[] {k.get(0), k.get(1), k.get(2)}, 0));
        });
        assertEquals(-1, ids.find(new long[] {1, 1, 1}, 0));
    }
}
