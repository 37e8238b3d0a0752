package io.netspectra.aggregate;

import io.netspectra.capture.Frame;
import io.netspectra.config.KeyField;
import io.netspectra.decode.PacketBatch;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One batch's records summed per distinct key of a <em>grouping key</em>: the union of the key fields of every task
 * the batch feeds. Owned by one worker thread and refilled for each batch.
 *
 * <p>Every task's key is a function of the grouping key's fields, and packets and bytes add while first and last
 * timestamps take their minimum and maximum, so adding a group's sums to a task is exactly adding its records one by
 * one. Records of one flow crowd together in a capture (a batch of 65,536 records of the generated benchmark capture
 * holds about 15,300 distinct five-tuples, 0.23 per record; 0.32 in batches of 16,384), so each task looks up its
 * large, cache-missing table once per group instead of once per record. The grouping itself probes a table of two to
 * four int slots per record of the batch (twice the next power of two: 512 KiB for 65,536) and appends each group to
 * arrays of about 100 bytes per record of the batch, reused from batch to batch.
 *
 * <pre>
 * group g, for g in [0, size()):
 *   record(g)          index in the batch of the group's first record (its key fields are the group's)
 *   keys[g*w, (g+1)*w) the grouping key packed by {@link KeyLayout} (w = its width), hash(g) its hash
 *   packets(g), bytes(g), first(g), last(g)   the sums, as a {@link FlowTable} entry holds them
 * </pre>
 */
public final class BatchGroups {
    private final KeyLayout layout;
    private final int width;
    private int size;
    private int[] record = new int[0];
    private long[] keys = new long[0];
    private long[] hashes = new long[0];
    private long[] packets = new long[0];
    private long[] bytes = new long[0];
    private long[] first = new long[0];
    private long[] last = new long[0];
    /** Open addressing: slot holds group + 1, 0 = empty; at most half full. */
    private int[] slots = new int[0];
    /** The slot of each group, to empty the used slots alone before the next batch. */
    private int[] slotOf = new int[0];

    /** Creates groups keyed on {@code fields}. */
    public BatchGroups(List<KeyField> fields) {
        this.layout = new KeyLayout(fields);
        this.width = layout.width();
    }

    /** Creates groups keyed on the union of the key fields of {@code tasks}, in {@link KeyField} order. */
    public static BatchGroups forTasks(List<StripedAggregator> tasks) {
        Set<KeyField> union = EnumSet.noneOf(KeyField.class);
        for (StripedAggregator t : tasks) {
            union.addAll(t.task().keyFields());
        }
        return new BatchGroups(new ArrayList<>(union));
    }

    /** Returns the layout of the grouping key. */
    KeyLayout layout() {
        return layout;
    }

    /** Replaces the groups with those of {@code batch}'s records; returns this. */
    public BatchGroups group(PacketBatch batch) {
        int n = batch.size();
        reset(n);
        int mask = slots.length - 1;
        for (int i = 0; i < n; i++) {
            int from = size * width;
            long hash = layout.pack(batch, i, keys, from);
            long ts = batch.timestamp(i);
            int slot = (int) hash & mask;
            while (true) {
                int g = slots[slot] - 1;
                if (g < 0) {
                    open(slot, i, hash, batch.wireLength(i), ts);
                    break;
                }
                if (hashes[g] == hash && sameKey(g * width, from)) {
                    packets[g]++;
                    bytes[g] += batch.wireLength(i);
                    if (ts != Frame.NO_TIMESTAMP) {
                        first[g] = Math.min(first[g], ts);
                        last[g] = Math.max(last[g], ts);
                    }
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return this;
    }

    private void open(int slot, int i, long hash, int wireBytes, long ts) {
        int g = size++;
        slots[slot] = g + 1;
        slotOf[g] = slot;
        record[g] = i;
        hashes[g] = hash;
        packets[g] = 1;
        bytes[g] = wireBytes;
        first[g] = ts == Frame.NO_TIMESTAMP ? FlowTable.NO_FIRST : ts;
        last[g] = ts;
    }

    private boolean sameKey(int a, int b) {
        for (int k = 0; k < width; k++) {
            if (keys[a + k] != keys[b + k]) {
                return false;
            }
        }
        return true;
    }

    /** Empties the groups and makes room for {@code n} records. */
    private void reset(int n) {
        for (int g = 0; g < size; g++) {
            slots[slotOf[g]] = 0;
        }
        size = 0;
        if (record.length < n) {
            record = new int[n];
            keys = new long[n * width];
            hashes = new long[n];
            packets = new long[n];
            bytes = new long[n];
            first = new long[n];
            last = new long[n];
            slotOf = new int[n];
            slots = new int[Integer.highestOneBit(Math.max(8, n) * 2 - 1) * 2];
        }
    }

    /** Returns the number of groups. */
    public int size() {
        return size;
    }

    /** Returns the index in the batch of group {@code g}'s first record. */
    int record(int g) {
        return record[g];
    }

    /** Returns the packed grouping keys, group g at {@code [g*width, (g+1)*width)}. */
    long[] keys() {
        return keys;
    }

    long hash(int g) {
        return hashes[g];
    }

    long packets(int g) {
        return packets[g];
    }

    long bytes(int g) {
        return bytes[g];
    }

    /** Returns the smallest timestamp of the group's records, or {@link FlowTable#NO_FIRST} when none had one. */
    long first(int g) {
        return first[g];
    }

    /** Returns the largest timestamp of the group's records, or {@link Frame#NO_TIMESTAMP} when none had one. */
    long last(int g) {
        return last[g];
    }
}
