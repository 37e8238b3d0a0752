package io.netspectra.sketch;

import org.apache.datasketches.common.ArrayOfItemsSerDe;
import org.apache.datasketches.common.SketchesArgumentException;
import org.apache.datasketches.memory.Memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Serializes packed keys of one width for DataSketches: {@code width} little-endian longs per key (DataSketches'
 * {@link Memory} is little-endian).
 */
final class PackedKeySerDe extends ArrayOfItemsSerDe<PackedKey> {
    private final int width;

    PackedKeySerDe(int width) {
        this.width = width;
    }

    @Override
    public byte[] serializeToByteArray(PackedKey item) {
        return serializeToByteArray(new PackedKey[] {item});
    }

    @Override
    public byte[] serializeToByteArray(PackedKey[] items) {
        ByteBuffer b = ByteBuffer.allocate(items.length * width * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (PackedKey k : items) {
            for (long w : k.words()) {
                b.putLong(w);
            }
        }
        return b.array();
    }

    @Override
    public PackedKey[] deserializeFromMemory(Memory mem, long offset, int count) {
        if (count < 0 || offset + (long) count * width * Long.BYTES > mem.getCapacity()) {
            throw new SketchesArgumentException(count + " keys of " + width + " words do not fit");
        }
        PackedKey[] out = new PackedKey[count];
        long at = offset;
        for (int i = 0; i < count; i++) {
            long[] words = new long[width];
            for (int w = 0; w < width; w++) {
                words[w] = mem.getLong(at);
                at += Long.BYTES;
            }
            out[i] = new PackedKey(words);
        }
        return out;
    }

    @Override
    public int sizeOf(PackedKey item) {
        return width * Long.BYTES;
    }

    @Override
    public int sizeOf(Memory mem, long offset, int count) {
        return count * width * Long.BYTES;
    }

    @Override
    public String toString(PackedKey item) {
        return java.util.Arrays.toString(item.words());
    }

    @Override
    public Class<PackedKey> getClassOfT() {
        return PackedKey.class;
    }
}
