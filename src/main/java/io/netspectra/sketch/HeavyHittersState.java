package io.netspectra.sketch;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.config.TaskSpec;
import io.netspectra.store.StoredSketches;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A heavy-hitters task's frequent-items sketch (DataSketches {@link ItemsSketch}, a map of {@code 2^lg_k} counters)
 * over packed keys, weighted by packets or bytes. Single-threaded.
 *
 * <p>Guarantees (from the sketch): every key's true weight lies in {@code [lower, upper]}, and a key whose weight
 * exceeds the maximum error ({@code total * 3.5 / 2^lg_k} at most) is reported.
 */
final class HeavyHittersState {
    private final TaskSpec task;
    private final int width;
    private final PackedKeySerDe serDe;
    private ItemsSketch<PackedKey> sketch;

    HeavyHittersState(TaskSpec task, int width) {
        this.task = task;
        this.width = width;
        this.serDe = new PackedKeySerDe(width);
        this.sketch = new ItemsSketch<>(1 << task.sketch().lgK());
    }

    /** Adds {@code weight} to {@code key} (the sketch may keep the key; keys are immutable, so it may be shared). */
    void add(PackedKey key, long weight) {
        sketch.update(key, weight);
    }

    /** Merges another sketch in; the result's bounds stay valid, its estimates may differ from one fed directly. */
    void merge(HeavyHittersState other) {
        sketch.merge(other.sketch);
    }

    /**
     * Merges a stored window in.
     *
     * @throws IllegalArgumentException when the stored sketch is unreadable
     */
    void merge(StoredSketches s) {
        if (s.size() != 1 || s.width() != 0) {
            throw new IllegalArgumentException("heavy hitters with " + s.size() + " entries of width " + s.width()
                    + ", expected 1 of width 0");
        }
        byte[] image = s.blobs()[0];
        checkItemsSizes(image);
        try {
            ItemsSketch<PackedKey> stored = ItemsSketch.getInstance(Memory.wrap(image), serDe);
            sketch.merge(stored);
        } catch (RuntimeException | AssertionError e) {
            // DataSketches reports damage with several exception types (its own, the memory package's, the JDK's).
            throw new IllegalArgumentException("frequent-items image unreadable: " + e);
        }
    }

    /**
     * Checks the size fields of a DataSketches frequent-items image that {@code getInstance} trusts for allocation:
     * lgMaxMapSize (byte 3) in 3..20, lgCurMapSize (byte 4) at most that, and, when not empty (more than one
     * preamble long, byte 0), the active item count (int at 8, little-endian) at most 3/4 of the map.
     */
    private static void checkItemsSizes(byte[] image) {
        if (image.length < 8 || image[3] < 3 || image[3] > 20 || image[4] < 0 || image[4] > image[3]) {
            throw new IllegalArgumentException("frequent-items image of " + image.length + " bytes with map sizes "
                    + (image.length < 8 ? "missing" : image[3] + "/" + image[4]));
        }
        if (image[0] > 1) {
            if (image.length < 16) {
                throw new IllegalArgumentException("frequent-items image of " + image.length + " bytes");
            }
            int active = java.nio.ByteBuffer.wrap(image, 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
            if (active < 0 || active > (3 << image[3]) / 4) {
                throw new IllegalArgumentException("frequent-items image with " + active + " items for a map of 2^"
                        + image[3]);
            }
        }
    }

    /** Returns whether nothing was added. */
    boolean isEmpty() {
        return sketch.isEmpty();
    }

    /** Returns the state as a stored window: one entry, the sketch's own serialization. */
    StoredSketches stored(long start, long end) {
        return new StoredSketches(task, start, end, 0, new long[0], new byte[][] {sketch.toByteArray(serDe)});
    }

    /** Returns the bytes of the sketch's serialized form (its counters and keys). */
    long bytes() {
        return sketch.toByteArray(serDe).length;
    }

    /** Returns the top {@code top} keys (the task's k when negative) by estimate, then key, with bounds. */
    SketchRows rows(int top) {
        int k = top < 0 ? task.sketch().k() : Math.min(top, task.sketch().k());
        ItemsSketch.Row<PackedKey>[] frequent = sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
        List<ItemsSketch.Row<PackedKey>> rows = new ArrayList<>(Arrays.asList(frequent));
        rows.sort(Comparator.comparingLong((ItemsSketch.Row<PackedKey> r) -> -r.getEstimate())
                .thenComparing(ItemsSketch.Row::getItem));
        int n = Math.min(k, rows.size());
        long[] keys = new long[n * width];
        List<Estimate> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ItemsSketch.Row<PackedKey> r = rows.get(i);
            System.arraycopy(r.getItem().words(), 0, keys, i * width, width);
            boolean exact = r.getLowerBound() == r.getUpperBound();
            values.add(new Estimate(r.getEstimate(), r.getLowerBound(), r.getUpperBound(), exact));
        }
        FlowRows keyRows = new FlowRows(task, width, n, keys, new long[n * 4]);
        return new SketchRows(task, task.sketch().weight().label(), task.keyFields(), sketch.getNumActiveItems(),
                keyRows, values, bytes(), sketch.getStreamLength(), sketch.getMaximumError());
    }
}
