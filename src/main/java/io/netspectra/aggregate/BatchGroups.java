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
 * four int slots per record of the batch (twice the next power of two: 512 KiB for 65,536) and keeps each group in
 * one entry of {@code width + 5} longs, so adding a record to its group touches its slot and one entry (two cache
 * lines for a five-tuple) rather than one array per field; the arrays are reused from batch to batch.
 *
 * <pre>
 * group g, for g in [0, size()), in entries[g*stride, (g+1)*stride), stride = w + 5 (w = the grouping key's width):
 *   [0, w)    the grouping key packed by {@link KeyLayout}
 *   w + 0     its hash
 *   w + 1     packets      w + 2  bytes      (the sums, as a {@link FlowTable} entry holds them)
 *   w + 3     first        w + 4  last
 * record(g): index in the batch of the group's first record (its key fields are the group's)
 * </pre>
 */
public final class BatchGroups {
    private static final int HASH = 0;
    private static final int PACKETS = 1;
    private static final int BYTES = 2;
    private static final int FIRST = 3;
    private static final int LAST = 4;
    private static final int STATE = 5;

    private final KeyLayout layout;
    private final int width;
    private final int stride;
    private int size;
    private int[] record = new int[0];
    private long[] entries = new long[0];
    /** Open addressing: slot holds group + 1, 0 = empty; at most half full. */
    private int[] slots = new int[0];
    /** The slot of each group, to empty the used slots alone before the next batch. */
    private int[] slotOf = new int[0];

    /** Creates groups keyed on {@code fields}. */
    public BatchGroups(List<KeyField> fields) {
        this.layout = new KeyLayout(fields);
        this.width = layout.width();
        this.stride = width + STATE;
    }

    /**
     * Creates groups keyed on the union of the key fields of {@code tasks}, in {@link KeyField} order (the union of
     * the live tasks' alone: a derived task's fields are among its source's).
     */
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
        long[] e = entries;
        for (int i = 0; i < n; i++) {
            // The record's key is packed straight into the next free entry: kept there when it opens a group.
            int from = size * stride;
            long hash = layout.pack(batch, i, e, from);
            long ts = batch.timestamp(i);
            int slot = (int) hash & mask;
            while (true) {
                int g = slots[slot] - 1;
                if (g < 0) {
                    open(slot, i, hash, batch.wireLength(i), ts);
                    break;
                }
                int base = g * stride;
                if (e[base + width + HASH] == hash && sameKey(base, from)) {
                    int st = base + width;
                    e[st + PACKETS]++;
                    e[st + BYTES] += batch.wireLength(i);
                    if (ts != Frame.NO_TIMESTAMP) {
                        e[st + FIRST] = Math.min(e[st + FIRST], ts);
                        e[st + LAST] = Math.max(e[st + LAST], ts);
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
        int st = g * stride + width;
        entries[st + HASH] = hash;
        entries[st + PACKETS] = 1;
        entries[st + BYTES] = wireBytes;
        entries[st + FIRST] = ts == Frame.NO_TIMESTAMP ? FlowTable.NO_FIRST : ts;
        entries[st + LAST] = ts;
    }

    private boolean sameKey(int a, int b) {
        for (int k = 0; k < width; k++) {
            if (entries[a + k] != entries[b + k]) {
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
            // A record's key is packed into entry size() <= its own index before it is known to open a group.
            entries = new long[n * stride];
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

    /** Copies group {@code g}'s packed grouping key to {@code dst[at, at + width)}. */
    void copyKey(int g, long[] dst, int at) {
        System.arraycopy(entries, g * stride, dst, at, width);
    }

    long hash(int g) {
        return entries[g * stride + width + HASH];
    }

    long packets(int g) {
        return entries[g * stride + width + PACKETS];
    }

    long bytes(int g) {
        return entries[g * stride + width + BYTES];
    }

    /** Returns the smallest timestamp of the group's records, or {@link FlowTable#NO_FIRST} when none had one. */
    long first(int g) {
        return entries[g * stride + width + FIRST];
    }

    /** Returns the largest timestamp of the group's records, or {@link Frame#NO_TIMESTAMP} when none had one. */
    long last(int g) {
        return entries[g * stride + width + LAST];
    }
}
