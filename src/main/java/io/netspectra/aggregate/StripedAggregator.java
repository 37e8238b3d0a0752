package io.netspectra.aggregate;

import io.netspectra.config.TaskSpec;
import io.netspectra.decode.PacketBatch;

import java.lang.ref.SoftReference;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One task's aggregation state: 256 lock-striped {@link FlowTable}s. Many worker threads add; one snapshotter swaps.
 *
 * <p>Guarantees:
 * <ol>
 *   <li>Each packet record lands in exactly one stripe, chosen by the top 8 bits of its key hash, so a key lives in
 *       one table only. A direct key ({@link KeyLayout#isDirect()}: a port or the protocol alone) always lands in
 *       stripe 0, a {@link FlowTable#direct} table; the other stripes stay empty.</li>
 *   <li>{@link #swap()} replaces every stripe's table under that stripe's lock: an add either completes in the
 *       returned tables or lands in the new ones, never both, never neither.</li>
 *   <li>The returned tables are no longer touched by workers once {@code swap()} returns, until their reader hands
 *       them back through {@link #recycle}; a later {@code swap()} then installs them, emptied, instead of allocating
 *       new ones (so the tables of a long run are allocated and grown once, not in every window).</li>
 * </ol>
 * A consistent cut across all stripes of all tasks needs more: the pipeline swaps only when no worker is inside a
 * batch (see {@code pipeline}).
 */
public final class StripedAggregator {
    /** The number of stripes; a power of two. */
    public static final int STRIPES = 256;
    private static final int STRIPE_SHIFT = 64 - Integer.numberOfTrailingZeros(STRIPES);

    private final TaskSpec task;
    private final KeyLayout layout;
    private final Object[] locks = new Object[STRIPES];
    private final FlowTable[] active = new FlowTable[STRIPES];
    /**
     * Emptied tables of an earlier window for the next swap to install (null entries: allocate), or null. Softly
     * held: under memory pressure the collector takes them back rather than fail, and the swap allocates.
     */
    private final AtomicReference<SoftReference<FlowTable[]>> spare = new AtomicReference<>();

    public StripedAggregator(TaskSpec task) {
        this.task = task;
        this.layout = new KeyLayout(task.keyFields());
        for (int s = 0; s < STRIPES; s++) {
            locks[s] = new Object();
            active[s] = newTable(s, 0);
        }
    }

    private FlowTable newTable(int stripe, int expected) {
        if (layout.isDirect() && stripe == 0) {
            return FlowTable.direct(layout.directShift(), layout.directBits());
        }
        return new FlowTable(layout.width(), Math.max(16, expected));
    }

    public TaskSpec task() {
        return task;
    }

    public KeyLayout layout() {
        return layout;
    }

    /**
     * Adds every record of {@code batch} (convenience for tests and tools: groups the batch by this task's own key
     * first; workers group once for all tasks and call {@link #addAll(PacketBatch, BatchGroups, BatchScratch)}).
     */
    public void addAll(PacketBatch batch, BatchScratch scratch) {
        addAll(batch, new BatchGroups(task.keyFields()).group(batch), scratch);
    }

    /**
     * Adds every record of {@code batch}, given as {@code groups} (its records summed per grouping key, whose fields
     * include this task's). Each group's key is first packed and the groups sorted by stripe in {@code scratch} (owned
     * by the calling worker), so each stripe's lock is taken once per batch rather than once per record.
     */
    public void addAll(PacketBatch batch, BatchGroups groups, BatchScratch scratch) {
        if (layout.isDirect()) {
            addDirect(batch, groups);
            return;
        }
        int n = groups.size();
        int width = layout.width();
        long[] keys;
        long[] hashes = scratch.hashes(n);
        if (layout.sameFields(groups.layout())) {
            keys = groups.keys();
            for (int g = 0; g < n; g++) {
                hashes[g] = groups.hash(g);
            }
        } else {
            keys = scratch.keys(n * width);
            for (int g = 0; g < n; g++) {
                hashes[g] = layout.pack(batch, groups.record(g), keys, g * width);
            }
        }
        int[] order = scratch.order(n);
        int[] next = scratch.stripeStarts();
        java.util.Arrays.fill(next, 0);
        for (int g = 0; g < n; g++) {
            next[(int) (hashes[g] >>> STRIPE_SHIFT) + 1]++;
        }
        for (int s = 1; s <= STRIPES; s++) {
            next[s] += next[s - 1];
        }
        for (int g = 0; g < n; g++) {
            order[next[(int) (hashes[g] >>> STRIPE_SHIFT)]++] = g;
        }
        // next[s] is now the end of stripe s's run in order[]; stripe s starts at next[s - 1] (0 for s = 0).
        // Each worker walks the stripes from its own starting point, so workers do not queue behind each other
        // on the same lock in lockstep.
        int first = scratch.firstStripe();
        for (int k = 0; k < STRIPES; k++) {
            int s = (first + k) & (STRIPES - 1);
            int from = s == 0 ? 0 : next[s - 1];
            int to = next[s];
            if (to > from) {
                synchronized (locks[s]) {
                    FlowTable table = active[s];
                    for (int j = from; j < to; j++) {
                        int g = order[j];
                        table.merge(keys, g * width, hashes[g], groups.packets(g), groups.bytes(g), groups.first(g),
                                groups.last(g));
                    }
                }
            }
        }
    }

    /** Adds a batch's groups to a direct key: no packing, hashing or sorting, one lock for the batch. */
    private void addDirect(PacketBatch batch, BatchGroups groups) {
        int n = groups.size();
        synchronized (locks[0]) {
            FlowTable table = active[0];
            for (int g = 0; g < n; g++) {
                table.mergeDirect(layout.directValue(batch, groups.record(g)), groups.packets(g), groups.bytes(g),
                        groups.first(g), groups.last(g));
            }
        }
    }

    /** Per-worker scratch arrays for {@link #addAll}; never shared between threads. */
    public static final class BatchScratch {
        private final int firstStripe;
        private long[] keys = new long[0];
        private long[] hashes = new long[0];
        private int[] order = new int[0];
        private final int[] stripeStarts = new int[STRIPES + 1];

        /**
         * Creates scratch for worker number {@code worker}; workers start their stripe walk far apart: 0, 128, 64,
         * 192, ... (the bit-reversed worker number).
         */
        public BatchScratch(int worker) {
            this.firstStripe = Integer.reverse(worker) >>> (32 - Integer.numberOfTrailingZeros(STRIPES));
        }

        long[] keys(int n) {
            if (keys.length < n) {
                keys = new long[n];
            }
            return keys;
        }

        long[] hashes(int n) {
            if (hashes.length < n) {
                hashes = new long[n];
            }
            return hashes;
        }

        int[] order(int n) {
            if (order.length < n) {
                order = new int[n];
            }
            return order;
        }

        int[] stripeStarts() {
            return stripeStarts;
        }

        int firstStripe() {
            return firstStripe;
        }
    }

    /**
     * Returns the number of keys in the current window's tables (taking each stripe's lock in turn). Exact when no
     * worker is adding (the pipeline has drained); any thread may call it.
     */
    public long size() {
        long n = 0;
        for (int s = 0; s < STRIPES; s++) {
            synchronized (locks[s]) {
                n += active[s].size();
            }
        }
        return n;
    }

    /** Returns the bytes of heap the current window's tables take (taking each stripe's lock in turn). */
    public long heapBytes() {
        long n = 0;
        for (int s = 0; s < STRIPES; s++) {
            synchronized (locks[s]) {
                n += active[s].heapBytes();
            }
        }
        return n;
    }

    /**
     * Swaps out every stripe's table for an empty one (a recycled one when {@link #recycle} left some) and returns
     * the old tables, indexed by stripe.
     */
    public FlowTable[] swap() {
        return swap(false);
    }

    /**
     * As {@link #swap()}; {@code last} says no window follows, so recycled tables are dropped rather than installed
     * (the run's end then holds no table memory beyond what the last window filled).
     */
    public FlowTable[] swap(boolean last) {
        SoftReference<FlowTable[]> kept = spare.getAndSet(null);
        FlowTable[] reuse = kept == null || last ? null : kept.get();
        FlowTable[] out = new FlowTable[STRIPES];
        for (int s = 0; s < STRIPES; s++) {
            FlowTable next = reuse != null && reuse[s] != null ? reuse[s] : null;
            synchronized (locks[s]) {
                out[s] = active[s];
                active[s] = next != null ? next : newTable(s, last ? 0 : out[s].size());
            }
        }
        return out;
    }

    /**
     * Takes back tables that {@link #swap()} returned, once their reader is done with them: empties those worth
     * reusing ({@link FlowTable#worthReusing()}) for the next swap (any one thread; the emptying happens here, off
     * the workers' path). Tables recycled before an earlier set was installed replace it.
     */
    public void recycle(FlowTable[] tables) {
        FlowTable[] keep = new FlowTable[STRIPES];
        boolean any = false;
        for (int s = 0; s < STRIPES; s++) {
            if (tables[s].worthReusing()) {
                tables[s].clear();
                keep[s] = tables[s];
                any = true;
            }
        }
        if (any) {
            spare.set(new SoftReference<>(keep));
        }
    }

    /** Packs swapped-out tables into rows; runs off the packet path. */
    public static FlowRows rows(TaskSpec task, int width, FlowTable[] tables) {
        int n = 0;
        for (FlowTable t : tables) {
            n += t.size();
        }
        FlowRows.Builder b = new FlowRows.Builder(task, width, n);
        for (FlowTable t : tables) {
            t.copyTo(b);
        }
        return b.build();
    }
}
