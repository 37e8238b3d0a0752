package io.netspectra.pipeline;

import io.netspectra.aggregate.StripedAggregator;
import io.netspectra.capture.CaptureInput;
import io.netspectra.capture.Frame;
import io.netspectra.config.Clock;
import io.netspectra.decode.DecodedPacket;
import io.netspectra.decode.FrameDecoder;
import io.netspectra.decode.PacketBatch;
import io.netspectra.filter.FrameFilter;
import io.netspectra.snapshot.SnapshotWriterThread;
import io.netspectra.snapshot.Snapshotter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs inputs through reader, workers and snapshotter, and returns what was counted. One use per instance.
 *
 * <p>Guarantees (capture clock): a window is [k*interval, (k+1)*interval) in packet time; when a packet's timestamp
 * reaches the current window's end, every earlier packet is aggregated before the cut, and no later packet before
 * it. A packet that goes back in time stays in the current window. Packets without a timestamp stay in the current
 * window. The result does not depend on the worker count or on timing.
 */
public final class Pipeline {
    /**
     * Records per batch when the heap allows (see {@link #batchSize}). Larger batches group more records per key
     * before the tasks' tables are touched: on the benchmark capture, 65,536 took 0.4 CPU-s less than 16,384 and
     * 131,072 no less again (docs/performance.md).
     */
    public static final int BATCH_SIZE = 65_536;
    /** The fewest records per batch, however small the heap or many the workers. */
    static final int MIN_BATCH_SIZE = 1_024;
    /** The most heap the batch pool takes: this, and at most 1/{@link #BATCH_HEAP_SHARE} of the maximum heap. */
    static final long MAX_BATCH_POOL_BYTES = 64L << 20;
    private static final int BATCH_HEAP_SHARE = 16;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NO_WALL_WINDOW = Long.MIN_VALUE;
    private static final long NO_PART = Long.MIN_VALUE;

    /**
     * The run's settings.
     *
     * @param workers        worker threads (at least 1)
     * @param intervalNanos  window length; 0 for one window
     * @param clock          capture or wall
     * @param maxKeys        the most keys any task may hold in one window (part); 0 for no limit
     */
    public record Settings(int workers, long intervalNanos, Clock clock, long maxKeys) {
        public Settings {
            if (maxKeys < 0) {
                throw new IllegalArgumentException("maxKeys " + maxKeys);
            }
        }

        /** Settings without a key limit. */
        public Settings(int workers, long intervalNanos, Clock clock) {
            this(workers, intervalNanos, clock, 0);
        }
    }

    /** The largest number of records between two key-limit checks, once a window nears the limit. */
    private static final long MAX_CHECK_STEP = 65_536;
    /** The most frames, and records, between two visits of {@link #accept}'s rare paths (see there). */
    private static final long VISIT_EVERY = 1_024;

    private final Settings settings;
    private final List<StripedAggregator> tasks;
    private final List<OrderedConsumer> ordered;
    private final SnapshotWriterThread writer;
    private final Snapshotter snapshotter;
    private final Consumer<String> warnings;
    /** Frames it rejects are counted in {@link #filteredOut} and nowhere else; {@code null}: every frame passes. */
    private final FrameFilter filter;
    private final FrameDecoder decoder = new FrameDecoder();
    private final DecodedPacket packet = new DecodedPacket();
    private final TotalsCounter totals = new TotalsCounter();
    private volatile boolean stopRequested;
    private volatile long progressPackets;
    private volatile long progressBytes;

    private WorkerPool pool;
    private PacketBatch batch;
    private boolean windowOpen;
    private long windowStart;
    private long windowEnd = Long.MIN_VALUE;
    private long windowPackets;
    /** Start of the current part of the window, after an early flush; {@link #NO_PART} before the first one. */
    private long partStart = NO_PART;
    /** {@link #windowPackets} at which the key limit is checked next. */
    private long nextKeyCheck;
    /**
     * {@link #accept}'s fast window test passes timestamps in [edgeLow, edgeHigh] without a look; the first frame
     * always looks (and sets them).
     */
    private long edgeLow = Long.MAX_VALUE;
    private long edgeHigh = Long.MIN_VALUE;
    /** Frames until {@link #accept} visits its window test anyway. */
    private long framesToVisit;
    /** {@link #windowPackets} at which {@link #accept} visits its key-limit test next. */
    private long nextVisit;
    private final List<EarlyFlush> earlyFlushes = new ArrayList<>();
    private final Object wallCut = new Object();
    private long latePackets;
    private long filteredOut;
    /** Wall clock only: the start of the window being filled, written by the ticker thread. */
    private volatile long wallWindowStart = NO_WALL_WINDOW;

    /**
     * Returns a pipeline that passes every frame (no filter).
     *
     * @param warnings receives one line per input problem (damage, open failure) as it happens
     */
    public Pipeline(Settings settings, List<StripedAggregator> tasks, SnapshotWriterThread writer,
                    Consumer<String> warnings) {
        this(settings, tasks, writer, warnings, null);
    }

    /**
     * @param warnings receives one line per input problem (damage, open failure) as it happens
     * @param filter   frames it rejects are neither decoded nor counted, except as filtered out; {@code null} for none
     */
    public Pipeline(Settings settings, List<StripedAggregator> tasks, SnapshotWriterThread writer,
                    Consumer<String> warnings, FrameFilter filter) {
        this(settings, tasks, List.of(), writer, warnings, filter);
    }

    /**
     * @param ordered  consumers fed every IP record in read order on the {@code ns-ordered} thread, with the same
     *                 window cuts as {@code tasks}; empty for none (no extra thread is started)
     * @param warnings receives one line per input problem (damage, open failure) as it happens
     * @param filter   frames it rejects are neither decoded nor counted, except as filtered out; {@code null} for none
     */
    public Pipeline(Settings settings, List<StripedAggregator> tasks, List<OrderedConsumer> ordered,
                    SnapshotWriterThread writer, Consumer<String> warnings, FrameFilter filter) {
        this.ordered = List.copyOf(ordered);
        this.filter = filter;
        this.nextKeyCheck = settings.maxKeys();
        this.settings = settings;
        this.tasks = List.copyOf(tasks);
        this.writer = writer;
        this.snapshotter = new Snapshotter(tasks, writer);
        this.warnings = warnings;
    }

    /**
     * Returns the records per batch for {@code workers} workers and a heap of at most {@code maxHeapBytes}: the
     * largest that keeps the whole pool ({@link WorkerPool#batchCount}) within {@link #MAX_BATCH_POOL_BYTES} and
     * 1/16 of the heap, between {@link #MIN_BATCH_SIZE} and {@link #BATCH_SIZE}. The size changes only how records are
     * handed to the workers, never a result. The bound covers the pool only: each worker also keeps grouping and
     * packing arrays that scale with the batch (about 160 bytes per record, 10 MiB at 65,536), and with very many
     * workers the minimum size wins (1,024 workers: 176 MB of batches).
     */
    static int batchSize(int workers, long maxHeapBytes) {
        long pool = Math.min(MAX_BATCH_POOL_BYTES, maxHeapBytes / BATCH_HEAP_SHARE);
        long perBatch = pool / WorkerPool.batchCount(workers) / PacketBatch.BYTES_PER_RECORD;
        return (int) Math.max(MIN_BATCH_SIZE, Math.min(BATCH_SIZE, perBatch));
    }

    /** Returns packets read so far; any thread may poll it for progress. */
    public long progressPackets() {
        return progressPackets;
    }

    /** Returns wire bytes read so far; any thread may poll it for progress. */
    public long progressBytes() {
        return progressBytes;
    }

    /**
     * Asks the reader to stop after the frame it is on; any thread (a signal handler) may call it. The run then ends
     * as at the end of input (the last window is cut, the report covers what was read) and is marked partial.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Reads all inputs as one dataset, merged in timestamp order (see {@link InputMerger}), and returns the run's
     * counters and per-task rows.
     */
    public RunStats run(List<CaptureInput> inputs) {
        long started = System.nanoTime();
        List<InputStats> stats;
        boolean partial = false;
        pool = new WorkerPool(tasks, ordered, snapshotter.cutLock().readLock(), settings.workers(),
                batchSize(settings.workers(), Runtime.getRuntime().maxMemory()));
        // Started after the pool exists: a tick marks the ordered consumers through it.
        ScheduledExecutorService ticker = startWallClock();
        try {
            batch = pool.take();
            InputMerger merger = new InputMerger(inputs, warnings);
            try {
                partial = read(merger);
            } finally {
                merger.close();
            }
            stats = merger.stats();
            pool.submit(batch);
            batch = null;
            pool.drain();
            if (ticker != null) {
                // shutdown(), not shutdownNow(): a tick in the middle of a cut must finish handing its window over.
                ticker.shutdown();
                awaitQuietly(ticker);
            }
            cut(finalWindowStart(), finalWindowEnd(), true);
        } finally {
            if (ticker != null) {
                ticker.shutdownNow();
            }
            pool.close();
        }
        var rows = writer.finish();
        return new RunStats(stats, totals.snapshot(), filteredOut, rows, writer.windows(), latePackets,
                System.nanoTime() - started, partial, earlyFlushes);
    }

    /** Feeds every frame to {@link #accept}; returns true when a stop request ended reading early. */
    private boolean read(InputMerger merger) {
        Frame frame;
        long read = 0;
        while ((frame = merger.next()) != null) {
            if (filter == null || filter.accepts(frame)) {
                accept(frame);
            } else {
                filteredOut++;
            }
            if ((++read & 0xFFFF) == 0) {
                progressPackets = totals.packets;
                progressBytes = totals.bytes;
            }
            if (stopRequested) {
                break;
            }
        }
        progressPackets = totals.packets;
        progressBytes = totals.bytes;
        return stopRequested;
    }

    /**
     * Counts and decodes {@code frame}, cutting a window first when its timestamp calls for it.
     *
     * <p>The events between frames (a window to cut, a late frame, a key-limit check) are each tested by one branch
     * that the reader also takes on purpose every {@link #VISIT_EVERY} frames or records: the compiled code of this
     * method keeps only branches its profile saw taken, so a branch first taken at the first window cut, seconds into
     * a run, would throw that code away and send the reader back to slower code until it is compiled again. The
     * first branch folds three tests into one sign: the frame's timestamp below {@link #edgeLow} or above
     * {@link #edgeHigh} (outside the open window), or {@link #framesToVisit} run out.
     */
    private void accept(Frame frame) {
        long ts = frame.timestampNanos;
        if (((ts - edgeLow) | (edgeHigh - ts) | --framesToVisit) < 0) {
            visitWindow(ts);
        }
        int outcome = decoder.decode(frame.buffer, frame.offset, frame.capturedLength, frame.linkType, packet);
        totals.count(outcome, packet, frame.wireLength, ts);
        if (outcome == FrameDecoder.IP) {
            batch.add(packet, ts, frame.wireLength);
            windowPackets++;
            if (batch.isFull() && !batch.grow()) {
                pool.submit(batch);
                batch = pool.take();
            }
            if (windowPackets >= nextVisit) {
                visitKeys(ts);
            }
        }
    }

    /**
     * The window test of {@link #accept}, exactly as it was before the fast test: cuts the window when {@code ts} is
     * past its end, counts a late frame, and sets the edges the fast test compares with. The fast test only decides
     * whether to come here; frames it sends here needlessly (one without a timestamp while a window is open, each
     * 1,024th) change nothing.
     */
    private void visitWindow(long ts) {
        framesToVisit = VISIT_EVERY;
        if (settings.clock() != Clock.CAPTURE || settings.intervalNanos() <= 0) {
            edgeLow = 0;   // no capture-clock windows: only a countdown or a negative timestamp comes here
            edgeHigh = Long.MAX_VALUE;
        } else if (ts != Frame.NO_TIMESTAMP) {
            if (ts >= windowEnd) {
                openWindow(ts);
            } else if (ts < windowStart) {
                latePackets++;
            }
            edgeLow = windowStart;
            edgeHigh = windowEnd - 1;
        }
    }

    /** The key-limit test of {@link #accept}, exactly; also sets when {@code accept} comes here next. */
    private void visitKeys(long ts) {
        if (settings.maxKeys() > 0 && windowPackets >= nextKeyCheck) {
            checkKeys(ts);
        }
        nextVisit = windowPackets + VISIT_EVERY;
        if (settings.maxKeys() > 0) {
            nextVisit = Math.min(nextVisit, nextKeyCheck);
        }
    }

    /**
     * Checks every task's keys against the limit and flushes the window early when one could pass it before the
     * next check. A task has at most one key per record, so while a part has fewer records than the limit no task
     * can reach it; past that, checks come at most {@link #MAX_CHECK_STEP} records apart, at points set by record
     * counts and exact key counts (the pool is drained first), so the flushes do not depend on timing or workers.
     */
    private void checkKeys(long ts) {
        pool.submit(batch);
        pool.drain();
        batch = pool.take();
        long limit = settings.maxKeys();
        long step = Math.max(1, Math.min(MAX_CHECK_STEP, limit / 8));
        StripedAggregator fullest = null;
        long most = -1;
        for (StripedAggregator t : tasks) {
            long k = t.size();
            if (k > most) {
                most = k;
                fullest = t;
            }
        }
        if (limit - most >= step) {
            nextKeyCheck = windowPackets + (limit - most);
            return;
        }
        flushEarly(ts, fullest.task().name(), most);
    }

    /** Cuts the window's current part as a snapshot of its own and starts the next part (reader thread). */
    private void flushEarly(long ts, String task, long keys) {
        long records = windowPackets;
        if (settings.clock() == Clock.WALL && settings.intervalNanos() > 0) {
            synchronized (wallCut) {
                long now = Math.max(wallNow(), wallWindowStart + 1);
                earlyFlushes.add(new EarlyFlush(wallWindowStart, wallWindowStart, now, task, keys, records));
                snapshotter.cut(wallWindowStart, now, false);
                wallWindowStart = now;
            }
        } else {
            long start = currentPartStart();
            long end = Math.max(start + 1, ts == Frame.NO_TIMESTAMP ? start + 1 : ts + 1);
            long window = windowOpen ? windowStart : start;
            earlyFlushes.add(new EarlyFlush(window, start, end, task, keys, records));
            // Only the keyed tasks: ordered consumers bound their own state and see the real window cuts.
            snapshotter.cut(start, end, false);
            partStart = end;
        }
        windowPackets = 0;
        nextKeyCheck = settings.maxKeys();
        nextVisit = 0;
    }

    /** Returns where the current window part starts: the window's start until an early flush splits it. */
    private long currentPartStart() {
        if (partStart != NO_PART) {
            return partStart;
        }
        if (windowOpen) {
            return windowStart;
        }
        return totals.first == Frame.NO_TIMESTAMP ? 0 : totals.first;
    }

    private void openWindow(long ts) {
        if (windowOpen && windowPackets > 0) {
            pool.submit(batch);
            pool.drain();
            batch = pool.take();
            cut(currentPartStart(), windowEnd, false);
            windowPackets = 0;
        }
        partStart = NO_PART;
        nextKeyCheck = settings.maxKeys();
        nextVisit = 0;
        long interval = settings.intervalNanos();
        windowStart = Math.floorDiv(ts, interval) * interval;
        windowEnd = windowStart + interval;
        windowOpen = true;
    }

    /** Cuts the keyed tasks and marks the same window end for the ordered consumers. */
    private void cut(long start, long end, boolean last) {
        snapshotter.cut(start, end, last);
        pool.mark(start, end, last);
    }

    private long finalWindowStart() {
        if (wallWindowStart != NO_WALL_WINDOW) {
            return wallWindowStart;
        }
        return currentPartStart();
    }

    private long finalWindowEnd() {
        if (wallWindowStart != NO_WALL_WINDOW) {
            return wallNow();
        }
        if (windowOpen) {
            return windowEnd;
        }
        return totals.last == Frame.NO_TIMESTAMP ? 0 : totals.last + 1;
    }

    private ScheduledExecutorService startWallClock() {
        if (settings.clock() != Clock.WALL || settings.intervalNanos() <= 0) {
            return null;
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ns-wall-clock");
            t.setDaemon(true);
            return t;
        });
        long period = settings.intervalNanos();
        wallWindowStart = wallNow();
        ticker.scheduleAtFixedRate(() -> {
            synchronized (wallCut) {
                long now = Math.max(wallNow(), wallWindowStart + 1);
                cut(wallWindowStart, now, false);
                wallWindowStart = now;
            }
        }, period, period, TimeUnit.NANOSECONDS);
        return ticker;
    }

    private static long wallNow() {
        return System.currentTimeMillis() * NANOS_PER_MILLI;
    }

    private static void awaitQuietly(ScheduledExecutorService ticker) {
        try {
            ticker.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The reader thread's running totals. */
    private static final class TotalsCounter {
        long packets;
        long bytes;
        long ipPackets;
        long ipBytes;
        long ipv4Packets;
        long ipv6Packets;
        long nonIpPackets;
        long nonIpBytes;
        long undecodablePackets;
        long undecodableBytes;
        long first = Frame.NO_TIMESTAMP;
        long last = Frame.NO_TIMESTAMP;

        void count(int outcome, DecodedPacket p, int wireLength, long ts) {
            packets++;
            bytes += wireLength;
            if (ts != Frame.NO_TIMESTAMP) {
                if (first == Frame.NO_TIMESTAMP || ts < first) {
                    first = ts;
                }
                if (ts > last) {
                    last = ts;
                }
            }
            if (outcome == FrameDecoder.IP) {
                ipPackets++;
                ipBytes += wireLength;
                if (p.ipv6) {
                    ipv6Packets++;
                } else {
                    ipv4Packets++;
                }
            } else if (outcome == FrameDecoder.NON_IP) {
                nonIpPackets++;
                nonIpBytes += wireLength;
            } else {
                undecodablePackets++;
                undecodableBytes += wireLength;
            }
        }

        Totals snapshot() {
            return new Totals(packets, bytes, ipPackets, ipBytes, ipv4Packets, ipv6Packets, nonIpPackets, nonIpBytes,
                    undecodablePackets, undecodableBytes, first, last);
        }
    }
}
