package io.netspectra.bins;

import io.netspectra.capture.Frame;
import io.netspectra.config.TaskSpec;
import io.netspectra.config.TaskType;
import io.netspectra.decode.PacketBatch;
import io.netspectra.pipeline.OrderedConsumer;
import io.netspectra.store.BinsCodec;
import io.netspectra.store.RunWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Bins every flows task's packets by time, fed in read order by the pipeline's ordered thread.
 *
 * <p>Guarantees:
 * <ol>
 *   <li>A bin is {@code [k*bin, (k+1)*bin)} in packet time. A packet whose timestamp reaches the open bin's end
 *       closes it; a packet that goes back in time, or has no timestamp, counts in the open bin (packets without a
 *       timestamp before the first timestamped one count in the first bin). So, like windows, the result depends only
 *       on the packets and their read order, never on the worker count or timing.</li>
 *   <li>A window end closes the open bin; the window's closed bins are written as one {@code bins.nss} per task
 *       (when a run writer is given and the window has bins) and dropped. The caller makes windows multiples of the
 *       bin, so no bin straddles a window.</li>
 *   <li>Each task's bins sum, per key, to the task's totals: every record counts in exactly one bin.</li>
 *   <li>Memory: only the open bin has per-bin state. Per key one peak is held; past {@code maxKeys} keys in a task,
 *       its peaks are spilled to disk when the bin closes and merged back at the end of the run.</li>
 * </ol>
 */
public final class TimeBins implements OrderedConsumer {
    private final long binNanos;
    private final List<TaskBins> tasks = new ArrayList<>();
    private final RunWriter writer;
    private boolean binOpen;
    private long binStart;
    private long binEnd;
    private List<BinnedTask> results;

    /**
     * @param binNanos   bin length (positive)
     * @param specs      the run's tasks; only {@link TaskType#FLOWS} tasks are binned
     * @param writer     where each window's {@code bins.nss} files go; null for none
     * @param keepSeries whether to keep the whole series for the report (else only the peaks stay)
     * @param maxKeys    keys per task whose peaks are held in memory while reading; past it, the
     *                   peaks are spilled to disk as the bin closes and merged back at the end; 0 for no limit
     */
    public TimeBins(long binNanos, List<TaskSpec> specs, RunWriter writer, boolean keepSeries, long maxKeys) {
        if (binNanos <= 0) {
            throw new IllegalArgumentException("bin length " + binNanos);
        }
        this.binNanos = binNanos;
        this.writer = writer;
        for (TaskSpec t : specs) {
            if (t.type() == TaskType.FLOWS) {
                tasks.add(new TaskBins(t, writer != null, keepSeries, maxKeys));
            }
        }
    }

    @Override
    public void accept(PacketBatch batch) {
        int n = batch.size();
        int i = 0;
        while (i < n) {
            long ts = batch.timestamp(i);
            if (ts != Frame.NO_TIMESTAMP && (!binOpen || ts >= binEnd)) {
                if (binOpen) {
                    closeBin();
                }
                openBin(ts);
            }
            int j = i + 1;
            while (j < n && !opensBin(batch.timestamp(j))) {
                j++;
            }
            for (TaskBins t : tasks) {
                t.add(batch, i, j);
            }
            i = j;
        }
    }

    private boolean opensBin(long ts) {
        return ts != Frame.NO_TIMESTAMP && (!binOpen || ts >= binEnd);
    }

    private void openBin(long ts) {
        binStart = Math.floorDiv(ts, binNanos) * binNanos;
        binEnd = binStart + binNanos;
        binOpen = true;
    }

    private void closeBin() {
        for (TaskBins t : tasks) {
            t.closeBin(binStart, binNanos);
        }
        binOpen = false;
    }

    @Override
    public void windowEnd(long start, long end, boolean last) {
        if (!binOpen && !tasks.isEmpty() && tasks.get(0).binHasPackets()) {
            // Only packets without a timestamp so far: they belong to the bin the window starts in.
            openBin(start);
        }
        if (binOpen) {
            closeBin();
        }
        for (TaskBins t : tasks) {
            BinsCodec.Rows rows = t.takeWindow();
            if (rows != null && rows.count() > 0) {
                writer.writeTaskFile(start, t.task().name(), BinsCodec.FILE_NAME,
                        rows.finish(t.task(), start, end, binNanos));
            }
        }
        if (last) {
            List<BinnedTask> out = new ArrayList<>();
            for (TaskBins t : tasks) {
                out.add(t.result(binNanos));
            }
            results = List.copyOf(out);
        }
    }

    /** Returns how many times any task's peaks were spilled to disk (0 when every task stayed under the limit). */
    public int peakSpills() {
        int n = 0;
        for (TaskBins t : tasks) {
            n += t.peakSpills();
        }
        return n;
    }

    /**
     * Returns each binned task's result, in config order; call after the pipeline run returned.
     *
     * @throws IllegalStateException when the run has not ended
     */
    public List<BinnedTask> results() {
        if (results == null) {
            throw new IllegalStateException("the run has not ended");
        }
        return results;
    }
}
