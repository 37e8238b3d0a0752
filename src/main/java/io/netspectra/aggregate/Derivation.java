package io.netspectra.aggregate;

import io.netspectra.config.TaskSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Tasks counted from another task's window rows instead of from packets.
 *
 * <p>A task whose key fields are all among another task's (by_src_ip's among by_five_tuple's) needs no table of its
 * own while a window fills. Its flows in a window are the covering task's flows of that window summed per its own
 * key: packets and bytes add, first and last take their minimum and maximum, in any order. So they are derived
 * exactly, at the cut, from the covering task's rows ({@link #rows}), and the workers probe one table per distinct
 * key of a batch where they probed one per task. On the default config's six tasks the five-tuple task is counted and
 * the other five are derived from it. On the benchmark capture a 30 s window holds about 2.5M packets in 38 batches
 * of about 15,300 groups each (580,000 probes per task), against at most 192,281 five-tuple rows (the whole 10M-packet
 * run's count), so deriving takes under a third of the table probes it replaces (docs/performance.md).
 *
 * <p>Which tasks are counted ("live") and which are derived depends on the key fields alone, never on the data:
 * <ul>
 *   <li>a task is live when no other task keys on a strict superset of its fields and no earlier task on the same
 *       fields;</li>
 *   <li>every other task is derived from the live task that covers it with the fewest fields (the first such in
 *       config order).</li>
 * </ul>
 * The pipeline's key-limit check sees a derived task's window as empty; that loses nothing, as a derived task never
 * has more keys in a window than its source.
 */
public final class Derivation {
    private Derivation() {
    }

    /**
     * Returns one aggregator per task, in the same order: live tasks counted from packets, the others derived from
     * a live one ({@link StripedAggregator#source()}).
     */
    public static List<StripedAggregator> aggregators(List<TaskSpec> tasks) {
        List<KeyLayout> layouts = tasks.stream().map(t -> new KeyLayout(t.keyFields())).toList();
        int n = tasks.size();
        StripedAggregator[] out = new StripedAggregator[n];
        for (int t = 0; t < n; t++) {
            if (isLive(layouts, t)) {
                out[t] = new StripedAggregator(tasks.get(t));
            }
        }
        for (int t = 0; t < n; t++) {
            if (out[t] == null) {
                out[t] = new StripedAggregator(tasks.get(t), out[narrowestLiveCover(layouts, out, t)]);
            }
        }
        return List.of(out);
    }

    private static boolean isLive(List<KeyLayout> layouts, int t) {
        KeyLayout own = layouts.get(t);
        for (int u = 0; u < layouts.size(); u++) {
            KeyLayout other = layouts.get(u);
            boolean same = other.covers(own) && own.covers(other);
            if (u != t && other.covers(own) && (!same || u < t)) {
                return false;
            }
        }
        return true;
    }

    /** Returns the index of the live aggregator that covers task {@code t} with the fewest fields, first in order. */
    private static int narrowestLiveCover(List<KeyLayout> layouts, StripedAggregator[] live, int t) {
        int best = -1;
        for (int u = 0; u < layouts.size(); u++) {
            if (live[u] != null && live[u].source() == null && layouts.get(u).covers(layouts.get(t))
                    && (best < 0 || layouts.get(u).fieldCount() < layouts.get(best).fieldCount())) {
                best = u;
            }
        }
        // A task no other covers strictly is live or repeats an earlier live task's fields; so best is found.
        return best;
    }

    /**
     * Returns the window rows of the derived aggregator {@code derived} from its source's rows of the same window
     * (wide keys): each source row's key projected onto the derived key ({@link KeyProjection}) and its
     * statistics merged there. Fills the arrays of {@code reuse} when they are large enough (see
     * {@link FlowRows.Builder}). {@code table} sums the projected rows: an empty table from {@link FlowTable#forKey}
     * for the derived layout, which is left full (empty it to use it again). Runs off the packet path, on the
     * snapshot writer's thread.
     */
    public static FlowRows rows(StripedAggregator derived, FlowRows source, FlowTable table, FlowRows reuse) {
        StripedAggregator from = derived.source();
        if (from == null || !source.task().equals(from.task())) {
            throw new IllegalArgumentException("rows of task " + source.task().name() + " do not derive task "
                    + derived.task().name());
        }
        KeyLayout layout = derived.layout();
        KeyLayout sourceLayout = from.layout();
        if (table.size() != 0 || table.isDirect() != layout.isDirect() || table.width() != layout.width()) {
            throw new IllegalArgumentException("not an empty table for task " + derived.task().name());
        }
        if (layout.isDirect()) {
            sumDirect(layout, source, table);
        } else {
            sumHashed(new KeyProjection(sourceLayout, layout), source, table);
        }
        FlowRows.Builder rows = new FlowRows.Builder(derived.task(), layout.width(), table.size(), reuse);
        table.copyTo(rows);
        return rows.build();
    }

    /**
     * Sums {@code source}'s rows into the direct table {@code table} by {@code layout}'s value (a port or the protocol,
     * read from each row's last word). Its own loop, apart from {@link #sumHashed}, so that neither loop's compiled
     * code meets the other kind of table.
     */
    private static void sumDirect(KeyLayout layout, FlowRows source, FlowTable table) {
        long[] words = source.keys();
        long[] stats = source.stats();
        int last = source.width() - 1;
        for (int r = 0; r < source.size(); r++) {
            int s = r * FlowTable.STATS;
            table.mergeDirect(layout.directValue(words[r * source.width() + last]), stats[s + FlowTable.PACKETS],
                    stats[s + FlowTable.BYTES], stats[s + FlowTable.FIRST], stats[s + FlowTable.LAST]);
        }
    }

    /** Sums {@code source}'s rows into the hashed table {@code table} by their keys projected with {@code onto}. */
    private static void sumHashed(KeyProjection onto, FlowRows source, FlowTable table) {
        long[] key = new long[table.width()];
        long[] words = source.keys();
        long[] stats = source.stats();
        int width = source.width();
        for (int r = 0; r < source.size(); r++) {
            long hash = onto.project(words, r * width, key);
            int s = r * FlowTable.STATS;
            table.mergeHashed(key, 0, hash, stats[s + FlowTable.PACKETS], stats[s + FlowTable.BYTES],
                    stats[s + FlowTable.FIRST], stats[s + FlowTable.LAST]);
        }
    }

    /** Returns the live aggregators of {@code aggregators} (those counted from packets), in order. */
    public static List<StripedAggregator> live(List<StripedAggregator> aggregators) {
        List<StripedAggregator> out = new ArrayList<>();
        for (StripedAggregator a : aggregators) {
            if (a.source() == null) {
                out.add(a);
            }
        }
        return out;
    }
}
