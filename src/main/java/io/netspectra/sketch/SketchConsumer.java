package io.netspectra.sketch;

import io.netspectra.config.TaskSpec;
import io.netspectra.decode.PacketBatch;
import io.netspectra.pipeline.OrderedConsumer;
import io.netspectra.store.RunWriter;
import io.netspectra.store.StoredSketches;

import java.util.ArrayList;
import java.util.List;

/**
 * Feeds every sketched task of a config ({@link TaskSpec#sketched()}) on the ordered thread, writes each window's
 * {@code sketches.nss} per task, and keeps the run totals.
 *
 * <p>Guarantees: results depend only on the records in read order and the window cuts, not on worker count or
 * timing. A window is written when it had records, or when it is the last of a run that wrote none (as flows are).
 * {@link #results} may be read once the pipeline returned (the ordered thread has ended).
 */
public final class SketchConsumer implements OrderedConsumer {
    private final List<LiveSketch> tasks = new ArrayList<>();
    private final RunWriter writer;
    private boolean wroteAny;
    private long windowRecords;

    /** Creates the consumer for the sketched tasks among {@code tasks}; {@code writer} is null without snapshots. */
    public SketchConsumer(List<TaskSpec> tasks, RunWriter writer) {
        for (TaskSpec t : tasks) {
            if (t.sketched()) {
                this.tasks.add(new LiveSketch(t));
            }
        }
        this.writer = writer;
    }

    /** Returns whether any task of the config needs sketches (otherwise the consumer need not be installed). */
    public boolean active() {
        return !tasks.isEmpty();
    }

    @Override
    public void accept(PacketBatch batch) {
        windowRecords += batch.size();
        for (LiveSketch t : tasks) {
            t.accept(batch);
        }
    }

    @Override
    public void windowEnd(long start, long end, boolean last) {
        boolean write = writer != null && (windowRecords > 0 || (last && !wroteAny));
        for (LiveSketch t : tasks) {
            StoredSketches s = t.cut(start, end);
            if (write) {
                writer.writeSketches(s != null ? s : SketchSums.empty(t.task(), start, end));
            }
        }
        wroteAny |= write;
        windowRecords = 0;
    }

    /** Returns the run totals per sketched task, in config order; {@code top} limits rows (see the report). */
    public List<SketchRows> results(int top) {
        List<SketchRows> out = new ArrayList<>();
        for (LiveSketch t : tasks) {
            out.add(t.total(top));
        }
        return out;
    }

    /** Returns per sketched task, in config order, the largest heap its window and total state took, in bytes. */
    public List<Long> peakHeapBytes() {
        return tasks.stream().map(LiveSketch::peakHeapBytes).toList();
    }
}
