package io.netspectra.aggregate;

import io.netspectra.config.TaskSpec;
import io.netspectra.decode.PacketBatch;

/**
 * One task's aggregation state: 256 lock-striped {@link FlowTable}s. Many worker threads add; one snapshotter swaps.
 *
 * <p>Guarantees:
 * <ol>
 *   <li>Each packet record lands in exactly one stripe, chosen by the top 8 bits of its key hash, so a key lives in
 *       one table only.</li>
 *   <li>{@link #swap()} replaces every stripe's table under that stripe's lock: an add either completes in the
 *       returned tables or lands in the new ones, never both, never neither.</li>
 *   <li>The returned tables are no longer touched by workers once {@code swap()} returns.</li>
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

    public StripedAggregator(TaskSpec task) {
        this.task = task;
        this.layout = new KeyLayout(task.keyFields());
        for (int s = 0; s < STRIPES; s++) {
            locks[s] = new Object();
            active[s] = new FlowTable(layout.width());
        }
    }

    public TaskSpec task() {
        return task;
    }

    public KeyLayout layout() {
        return layout;
    }

    /** Adds every record of {@code batch}; {@code scratch} holds at least {@code layout().width()} longs. */
    public void addAll(PacketBatch batch, long[] scratch) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            long hash = layout.pack(batch, i, scratch);
            int stripe = (int) (hash >>> STRIPE_SHIFT);
            synchronized (locks[stripe]) {
                active[stripe].add(scratch, hash, batch.wireLength(i), batch.timestamp(i));
            }
        }
    }

    /** Swaps out every stripe's table for an empty one and returns the old tables, indexed by stripe. */
    public FlowTable[] swap() {
        FlowTable[] out = new FlowTable[STRIPES];
        for (int s = 0; s < STRIPES; s++) {
            synchronized (locks[s]) {
                out[s] = active[s];
                active[s] = new FlowTable(layout.width(), Math.max(16, out[s].size()));
            }
        }
        return out;
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
