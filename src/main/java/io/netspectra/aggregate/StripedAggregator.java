package io.netspectra.aggregate;

import io.netspectra.config.TaskSpec;
import io.netspectra.decode.PacketBatch;

import java.lang.ref.SoftReference;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One task's aggregation state: 256 lock-striped {@link FlowTable}s. Many worker threads add; one snapshotter swaps.
 *
 * <p>A key with an address field has two tables per stripe, under the stripe's one lock: keys of IPv4 records in
 * their compact IPv4 form ({@link KeyLayout#ipv4Width()}: a five-tuple entry of 48 bytes instead of 72), the others in
 * the wide form. {@link #swap()} returns both, indexed {@code s} (wide) and {@code STRIPES + s} (IPv4 form), and
 * {@link #rows} widens the IPv4 form back, so everything downstream sees the wide form only.
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
 *
 * <p>A <em>derived</em> aggregator ({@link #source()} not null; see {@link Derivation}) is never added to: its tables
 * stay empty, and its window rows are computed from its source's at the cut.
 */
public final class StripedAggregator {
    /** The number of stripes; a power of two. */
    public static final int STRIPES = 256;
    private static final int STRIPE_SHIFT = 64 - Integer.numberOfTrailingZeros(STRIPES);

    private final TaskSpec task;
    private final KeyLayout layout;
    /** The live aggregator this one's rows are derived from, or null when this one is counted from packets. */
    private final StripedAggregator source;
    private final Object[] locks = new Object[STRIPES];
    /** Index s: stripe s's wide table; index STRIPES + s, when the key has an IPv4 form: its IPv4-form table. */
    private final FlowTable[] active;
    /**
     * Emptied tables of an earlier window for the next swap to install (null entries: allocate), or null. Softly
     * held: under memory pressure the collector takes them back rather than fail, and the swap allocates.
     */
    private final AtomicReference<SoftReference<FlowTable[]>> spare = new AtomicReference<>();

    /** Creates a live aggregator: counted from packets. */
    public StripedAggregator(TaskSpec task) {
        this(task, null);
    }

    /** Creates an aggregator derived from {@code source} (live, covering its fields), or a live one for null. */
    StripedAggregator(TaskSpec task, StripedAggregator source) {
        this.task = task;
        this.layout = new KeyLayout(task.keyFields());
        if (source != null && (source.source != null || !source.layout.covers(layout))) {
            throw new IllegalArgumentException("task " + task.name() + " cannot be derived from task "
                    + source.task.name());
        }
        this.source = source;
        this.active = new FlowTable[layout.ipv4Width() > 0 ? 2 * STRIPES : STRIPES];
        for (int s = 0; s < STRIPES; s++) {
            locks[s] = new Object();
        }
        for (int i = 0; i < active.length; i++) {
            active[i] = newTable(i, 0);
        }
    }

    /** Returns a new table for index {@code i} of {@link #active}. */
    private FlowTable newTable(int i, int expected) {
        if (i == 0) {
            return FlowTable.forKey(layout, Math.max(16, expected));
        }
        return new FlowTable(i < STRIPES ? layout.width() : layout.ipv4Width(), Math.max(16, expected));
    }

    public TaskSpec task() {
        return task;
    }

    public KeyLayout layout() {
        return layout;
    }

    /** Returns the live aggregator whose window rows this one's are derived from, or null when this one is live. */
    public StripedAggregator source() {
        return source;
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
        if (source != null) {
            throw new IllegalStateException("task " + task.name() + " is derived from task " + source.task.name()
                    + ", not added to");
        }
        if (layout.isDirect()) {
            addDirect(batch, groups);
            return;
        }
        int n = groups.size();
        int tables = active.length;
        long[] keys = scratch.keys(n * layout.width());
        long[] hashes = scratch.hashes(n);
        int[] table = scratch.tables(n);
        pack(batch, groups, keys, hashes, table);
        int[] order = scratch.order(n);
        int[] next = scratch.tableStarts(tables);
        for (int g = 0; g < n; g++) {
            next[table[g] + 1]++;
        }
        for (int t = 1; t <= tables; t++) {
            next[t] += next[t - 1];
        }
        for (int g = 0; g < n; g++) {
            order[next[table[g]]++] = g;
        }
        // next[t] is now the end of table t's run in order[]; table t's run starts at next[t - 1] (0 for t = 0).
        // Each worker walks the stripes from its own starting point, so workers do not queue behind each other
        // on the same lock in lockstep.
        int first = scratch.firstStripe();
        for (int k = 0; k < STRIPES; k++) {
            int s = (first + k) & (STRIPES - 1);
            int wideFrom = s == 0 ? 0 : next[s - 1];
            int v4 = STRIPES + s;
            // Every stripe is locked and merged, even with empty runs: a test for emptiness would be a branch that
            // the first batches may never take, and taking it later throws this method's compiled code away.
            synchronized (locks[s]) {
                mergeRun(active[s], keys, hashes, order, wideFrom, next[s], groups);
                if (tables > STRIPES) {
                    mergeRun(active[v4], keys, hashes, order, next[v4 - 1], next[v4], groups);
                }
            }
        }
    }

    /**
     * Packs each group's key into {@code keys[g*width, ...)} and its hash into {@code hashes[g]}, and sets
     * {@code table[g]} to the index in {@link #active} of the table it goes to: its stripe (the hash's top bits), plus
     * {@code STRIPES} when it is in IPv4 form.
     */
    private void pack(PacketBatch batch, BatchGroups groups, long[] keys, long[] hashes, int[] table) {
        int width = layout.width();
        boolean ipv4Tables = active.length > STRIPES;
        boolean sameKey = layout.sameFields(groups.layout());
        for (int g = 0; g < groups.size(); g++) {
            int r = groups.record(g);
            long hash;
            int form = 0;
            if (ipv4Tables && layout.fitsIpv4(batch, r)) {
                hash = layout.packIpv4(batch, r, keys, g * width);
                form = STRIPES;
            } else if (sameKey) {
                groups.copyKey(g, keys, g * width);
                hash = groups.hash(g);
            } else {
                hash = layout.pack(batch, r, keys, g * width);
            }
            hashes[g] = hash;
            table[g] = form + (int) (hash >>> STRIPE_SHIFT);
        }
    }

    /**
     * Merges the groups {@code order[from, to)} into {@code table} (the caller holds the stripe's lock), their first
     * probes {@linkplain FlowTable#touch read together} first so that their cache misses overlap.
     */
    private void mergeRun(FlowTable table, long[] keys, long[] hashes, int[] order, int from, int to,
                          BatchGroups groups) {
        int width = layout.width();
        table.touch(hashes, order, from, to);
        for (int j = from; j < to; j++) {
            int g = order[j];
            table.mergeHashed(keys, g * width, hashes[g], groups.packets(g), groups.bytes(g), groups.first(g),
                    groups.last(g));
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
        private int[] tables = new int[0];
        private final int[] tableStarts = new int[2 * STRIPES + 1];

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

        int[] tables(int n) {
            if (tables.length < n) {
                tables = new int[n];
            }
            return tables;
        }

        /** Returns {@code count + 1} zeroed run bounds, one past each table. */
        int[] tableStarts(int count) {
            java.util.Arrays.fill(tableStarts, 0, count + 1, 0);
            return tableStarts;
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
        for (int i = 0; i < active.length; i++) {
            synchronized (locks[i & (STRIPES - 1)]) {
                n += active[i].size();
            }
        }
        return n;
    }

    /** Returns the bytes of heap the current window's tables take (taking each stripe's lock in turn). */
    public long heapBytes() {
        long n = 0;
        for (int i = 0; i < active.length; i++) {
            synchronized (locks[i & (STRIPES - 1)]) {
                n += active[i].heapBytes();
            }
        }
        return n;
    }

    /**
     * Swaps out every stripe's tables for empty ones (recycled ones when {@link #recycle} left some) and returns the
     * old tables: index s for stripe s, and STRIPES + s for its IPv4-form table when the key has one.
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
        FlowTable[] out = new FlowTable[active.length];
        for (int i = 0; i < active.length; i++) {
            FlowTable next = reuse != null && reuse[i] != null ? reuse[i] : null;
            synchronized (locks[i & (STRIPES - 1)]) {
                out[i] = active[i];
                active[i] = next != null ? next : newTable(i, last ? 0 : out[i].size());
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
        if (tables.length != active.length) {
            throw new IllegalArgumentException("task " + task.name() + " has " + active.length + " tables, not "
                    + tables.length);
        }
        for (int i = 0; i < tables.length; i++) {
            boolean direct = layout.isDirect() && i == 0;
            int width = i < STRIPES ? layout.width() : layout.ipv4Width();
            if (tables[i].isDirect() != direct || tables[i].width() != width) {
                throw new IllegalArgumentException("table " + i + " is not one of task " + task.name() + "'s");
            }
        }
        FlowTable[] keep = new FlowTable[tables.length];
        boolean any = false;
        for (int i = 0; i < tables.length; i++) {
            if (tables[i].worthReusing()) {
                tables[i].clear();
                keep[i] = tables[i];
                any = true;
            }
        }
        if (any) {
            spare.set(new SoftReference<>(keep));
        }
    }

    /** Drops recycled tables not yet installed (the run is over: no later swap will use them). */
    public void dropSpare() {
        spare.set(null);
    }

    /**
     * Packs swapped-out tables into rows, keys in the wide form (a table narrower than {@code width} holds IPv4-form
     * keys, widened here); runs off the packet path.
     */
    public static FlowRows rows(TaskSpec task, int width, FlowTable[] tables) {
        return rows(task, width, tables, null);
    }

    /** As {@link #rows(TaskSpec, int, FlowTable[])}, filling the arrays of {@code reuse} when they are large enough. */
    public static FlowRows rows(TaskSpec task, int width, FlowTable[] tables, FlowRows reuse) {
        int n = 0;
        for (FlowTable t : tables) {
            n += t.size();
        }
        FlowRows.Builder b = new FlowRows.Builder(task, width, n, reuse);
        KeyLayout layout = null;
        for (FlowTable t : tables) {
            if (t.width() == width) {
                t.copyTo(b);
            } else {
                layout = layout != null ? layout : new KeyLayout(task.keyFields());
                t.copyWidenedTo(b, layout);
            }
        }
        return b.build();
    }
}
