package io.netspectra.pipeline;

import io.netspectra.NetSpectraException.InputException;
import io.netspectra.capture.CaptureInput;
import io.netspectra.capture.CaptureReader;
import io.netspectra.capture.Damage;
import io.netspectra.capture.Frame;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Reads several captures as one stream of frames in timestamp order: a k-way merge of readers by the timestamp of
 * their next frame. Used by the reader thread only.
 *
 * <p>Guarantees:
 * <ol>
 *   <li>Inputs are ordered by the timestamp of their first frame (peeked at construction; inputs without one, such as
 *       unreadable or empty files, come first), ties in argument order. {@link #stats()} lists them in that order.</li>
 *   <li>Each input's frames come in file order. Among inputs, the frame with the smallest timestamp comes next; a
 *       frame without a timestamp takes its predecessor's in the same file, so it stays where the file put it. Ties
 *       go to the input earlier in reading order. With one input this is exactly file order.</li>
 *   <li>A file is opened when the merge reaches its first timestamp and closed at its end, so only inputs that
 *       overlap in time are open at once.</li>
 *   <li>The frame {@link #next()} returns stays valid until the next call: each reader has its own {@link Frame},
 *       and a reader advances only when the following frame is asked for.</li>
 * </ol>
 */
final class InputMerger implements AutoCloseable {
    /**
     * Open inputs by head timestamp, then by input order. Plain lambdas, not {@code Comparator.comparingLong}: the
     * JDK's serializable comparator lambdas are spun into classes at each start, where the class-data archive holds
     * these.
     */
    private static final Comparator<Source> BY_HEAD = (a, b) -> {
        int c = Long.compare(a.key, b.key);
        return c != 0 ? c : Integer.compare(a.order, b.order);
    };

    private final Consumer<String> warnings;
    private final InputStats[] stats;
    private final Deque<Source> pending = new ArrayDeque<>();
    private final PriorityQueue<Source> open = new PriorityQueue<>(BY_HEAD);
    private Source current;

    /** Peeks every input's first timestamp; {@code warnings} receives a line per input problem. */
    InputMerger(List<CaptureInput> inputs, Consumer<String> warnings) {
        this.warnings = warnings;
        List<Source> sources = new ArrayList<>();
        for (CaptureInput in : inputs) {
            sources.add(peek(in));
        }
        sources.sort((a, b) -> Long.compare(a.firstTimestamp, b.firstTimestamp));
        stats = new InputStats[sources.size()];
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            s.order = i;
            if (s.openError != null) {
                stats[i] = InputStats.unopened(s.input.name(), s.openError);
            } else {
                pending.add(s);
            }
        }
    }

    /** Returns the next frame in timestamp order, or null when every input is exhausted or damaged. */
    Frame next() {
        if (current != null) {
            // current stays set while its reader reads, so close() still finishes it if the read throws.
            Source s = current;
            if (!s.reader.next(s.frame)) {
                current = null;
                finish(s);
            } else if (staysFirst(s)) {
                // The common case, one input or a run of frames from one input: no heap operations.
                return counted(s);
            } else {
                current = null;
                open.add(s);
            }
        }
        while (!pending.isEmpty() && (open.isEmpty() || pending.peekFirst().firstTimestamp <= open.peek().key)) {
            activate(pending.removeFirst());
        }
        current = open.poll();
        if (current == null) {
            return null;
        }
        return counted(current);
    }

    /**
     * Takes the merge key from {@code s}'s new head frame and returns whether that frame comes next: it sorts before
     * every other open input's head ({@link #BY_HEAD}), and no pending input starts at or before it. This is what
     * putting {@code s} back into the heap and polling would return, without either.
     */
    private boolean staysFirst(Source s) {
        if (s.frame.timestampNanos != Frame.NO_TIMESTAMP) {
            s.key = s.frame.timestampNanos;
        }
        Source head = open.peek();
        if (head != null && BY_HEAD.compare(head, s) < 0) {
            return false;
        }
        return pending.isEmpty() || pending.peekFirst().firstTimestamp > s.key;
    }

    private Frame counted(Source s) {
        s.packets++;
        s.bytes += s.frame.wireLength;
        return s.frame;
    }

    /** Returns every input's stats in reading order; call after {@link #next()} returned null or {@link #close()}. */
    List<InputStats> stats() {
        return List.of(stats);
    }

    /** Stops reading: closes open inputs and records what was read of every input so far. */
    @Override
    public void close() {
        if (current != null) {
            finish(current);
            current = null;
        }
        while (!open.isEmpty()) {
            finish(open.poll());
        }
        while (!pending.isEmpty()) {
            finish(pending.removeFirst());
        }
    }

    private Source peek(CaptureInput in) {
        Source s = new Source(in);
        CaptureReader reader;
        try {
            reader = in.open();
        } catch (InputException e) {
            warnings.accept(e.getMessage());
            s.openError = e.getMessage();
            s.firstTimestamp = Long.MIN_VALUE;
            return s;
        }
        s.format = reader.format();
        boolean any = reader.next(s.frame);
        s.firstTimestamp = any && s.frame.timestampNanos != Frame.NO_TIMESTAMP ? s.frame.timestampNanos
                : Long.MIN_VALUE;
        if (in.once()) {
            // Standard input or a pipe cannot be opened again: keep the reader and the frame it read.
            s.reader = reader;
            s.headRead = any;
        } else {
            reader.close();
        }
        return s;
    }

    private void activate(Source s) {
        if (s.reader == null) {
            try {
                s.reader = s.input.open();
            } catch (InputException e) {
                warnings.accept(e.getMessage());
                stats[s.order] = InputStats.unopened(s.input.name(), e.getMessage());
                return;
            }
            s.headRead = s.reader.next(s.frame);
        }
        s.key = Long.MIN_VALUE;
        if (s.headRead) {
            enqueue(s);
        } else {
            finish(s);
        }
    }

    private void enqueue(Source s) {
        if (s.frame.timestampNanos != Frame.NO_TIMESTAMP) {
            s.key = s.frame.timestampNanos;
        }
        open.add(s);
    }

    private void finish(Source s) {
        String name = s.input.name();
        if (s.reader == null) {
            stats[s.order] = new InputStats(name, s.format, 0, 0, false, -1, -1, null);
            return;
        }
        Damage d = s.reader.damage();
        s.reader.close();
        if (d == null) {
            stats[s.order] = new InputStats(name, s.format, s.packets, s.bytes, false, -1, -1, null);
            return;
        }
        warnings.accept(name + ": damaged at byte " + d.offset() + ": " + d.what() + "; " + s.packets
                + " packets before it were counted");
        stats[s.order] = new InputStats(name, s.format, s.packets, s.bytes, true, d.offset(), unreadBytes(s, d),
                d.what());
    }

    /** Returns the file bytes after the damage, or -1 when unknown (compressed, or standard input). */
    private static long unreadBytes(Source s, Damage d) {
        if (s.input.path() == null || s.format.contains("+")) {
            return -1;
        }
        try {
            return Math.max(0, Files.size(s.input.path()) - d.offset());
        } catch (IOException e) {
            return -1;
        }
    }

    /** One input's reading state. */
    private static final class Source {
        final CaptureInput input;
        final Frame frame = new Frame();
        int order;
        String format;
        String openError;
        long firstTimestamp;
        CaptureReader reader;
        boolean headRead;
        /** The merge key of the head frame: its timestamp, or the last timestamp of this input before it. */
        long key;
        long packets;
        long bytes;

        Source(CaptureInput input) {
            this.input = input;
        }
    }
}
