package io.netspectra.store;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link LongWords} lays words out exactly as Kryo's own {@code writeLongs} and {@code readLongs} do. */
class LongWordsTest {
    @Test
    void writesTheBytesKryoWritesAfterAnyPrefix() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++) {
            long[] words = random.longs(random.nextInt(0, 600)).toArray();
            int count = random.nextInt(0, words.length + 1);
            int prefix = random.nextInt(0, 40);
            // Room for the words (the bulk path) or too little (Kryo grows its buffer itself).
            int capacity = random.nextBoolean() ? prefix + 8 * count + random.nextInt(0, 16) : prefix + 1;
            Output ours = new Output(capacity, -1);
            Output kryos = new Output(capacity, -1);
            for (int i = 0; i < prefix; i++) {
                ours.writeByte(i);
                kryos.writeByte(i);
            }
            LongWords.write(ours, words, count);
            kryos.writeLongs(words, 0, count);
            ours.writeByte(0x7F);
            kryos.writeByte(0x7F);
            assertArrayEquals(kryos.toBytes(), ours.toBytes(), "trial " + trial);
        }
    }

    @Test
    void readsBackWhatKryoWroteAndLeavesTheInputAfterIt() {
        SplittableRandom random = new SplittableRandom(12);
        for (int trial = 0; trial < 300; trial++) {
            long[] words = random.longs(random.nextInt(0, 600)).toArray();
            Output out = new Output(16, -1);
            out.writeVarInt(words.length, true);
            out.writeLongs(words, 0, words.length);
            out.writeString("after");
            byte[] file = out.toBytes();
            Input in = new Input(file);
            int n = in.readVarInt(true);
            assertArrayEquals(words, LongWords.read(in, n), "trial " + trial);
            assertEquals("after", in.readString());
        }
    }

    @Test
    void failsAsKryoDoesWhenTheInputEndsFirst() {
        Output out = new Output(64, -1);
        out.writeLongs(new long[] {1, 2, 3}, 0, 3);
        byte[] cut = Arrays.copyOf(out.toBytes(), 20);
        assertThrows(KryoException.class, () -> LongWords.read(new Input(cut), 3));
        assertThrows(KryoException.class, () -> new Input(cut).readLongs(3));
    }
}
