package io.netspectra.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A refillable window over a byte stream, so readers decode records in place from one buffer.
 *
 * <p>The window is a direct buffer (within a budget, below) read through a channel: a file channel reads into it
 * straight from the kernel's page cache. A heap array would cost a second copy of every byte, as the channel reads
 * into a native buffer of its own and copies from there (0.13-0.15 CPU-s of the reader thread on a 5.5 GiB capture),
 * and {@code FileInputStream.read} of a large array also allocates a native buffer per call.
 *
 * <p>The window is {@code buffer[position, limit)}, read at absolute positions (in each file's byte order, through
 * {@link WireOrder}); the buffer's own position stays 0 and its limit its capacity (reads go through a separate
 * view), and nobody may change them. {@link #ensure(int)} moves unread bytes to the front and reads more. The buffer
 * grows only when a single record needs more than its current size, up to {@link #MAX_WINDOW}.
 *
 * <p>Windows are reused: {@link #close()} gives its window back for the next source to take (a few are kept, at
 * most 1 MiB in all, for the life of the process), so a small file may read through a larger window. The
 * memory of a direct buffer returns only when the collector finds the buffer unreachable, and reading allocates too
 * little heap for a collection to come soon, so a run over thousands of captures would otherwise hold a window per
 * capture read. After {@code close()} the source must not be read again (its window may be another source's).
 *
 * <p>Direct windows have a budget ({@link #DIRECT_BUDGET}): past it, as when thousands of captures that overlap in
 * time are open at once, a source reads through a heap window instead (the same code reads both, a little slower).
 * The JVM caps direct memory (by default at the heap's maximum) and, once the cap is reached, makes every further
 * allocation wait for collections before it fails; the budget keeps runs clear of that. Should a lower cap
 * ({@code -XX:MaxDirectMemorySize}) be hit anyway, the budget shrinks below what is in use, so it is hit once. A
 * channel reads into a heap window through a temporary direct buffer of its own, so those reads take at most
 * {@link #HEAP_WINDOW_READ} bytes at a time, and the budget leaves that much room.
 *
 * <p>Windows also shrink as more sources are open at once ({@link #SHARED_WINDOWS}): a new source's window is at most
 * that share of the sources now open, down to {@link #SMALLEST_WINDOW}. Windows keep their size once made, so the
 * memory of N sources open together grows about as {@code SHARED_WINDOWS * (1 + ln N)} plus 16 KiB each: some 40 MiB
 * for 2,000 captures that overlap in time, in a 96 MiB heap, where each at 64 KiB or more would not fit. A smaller
 * window means more, smaller reads, never another result.
 */
final class ByteSource {
    /** The largest record a reader may ask to hold at once. */
    static final int MAX_WINDOW = 64 << 20;
    private static final int DEFAULT_WINDOW = 256 << 10;
    private static final int MIN_WINDOW = 64 << 10;
    /** The smallest window a crowd of open sources brings a new one down to: a few ordinary frames. */
    private static final int SMALLEST_WINDOW = 16 << 10;
    /**
     * The memory the windows of many sources open at once share: a sixteenth of the heap's maximum, between 4 and
     * 64 MiB. Up to 16 sources (256 with a large heap) get the whole default window each.
     */
    private static final long SHARED_WINDOWS = Math.max(16L * DEFAULT_WINDOW,
            Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16));
    /** Sources made and not yet closed. */
    private static final AtomicInteger OPEN = new AtomicInteger();
    /** The most one read into a heap window asks for (see the class comment). */
    private static final int HEAP_WINDOW_READ = 64 << 10;
    /** Windows of at most {@link #DEFAULT_WINDOW} bytes that closed sources gave back, at most a few. */
    private static final BlockingQueue<ByteBuffer> SPARE_WINDOWS = new ArrayBlockingQueue<>(4);
    /** The direct memory all windows may hold: an eighth of the heap's maximum, at most 256 MiB (1,024 windows). */
    private static final long DIRECT_BUDGET = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);
    /** Bytes of direct windows made and not yet dropped. */
    private static final AtomicLong DIRECT_HELD = new AtomicLong();
    /** {@link #DIRECT_BUDGET}, or less once the JVM refused a direct window. */
    private static final AtomicLong DIRECT_LIMIT = new AtomicLong(DIRECT_BUDGET);

    private final ReadableByteChannel in;
    /** The window; see the class comment. Replaced (never changed in place) when it grows. */
    ByteBuffer buffer;
    /** A view of {@link #buffer} whose position and limit the channel reads move. */
    private ByteBuffer target;
    int position;
    int limit;
    /** Stream offset of {@code buffer[0]}. */
    private long base;
    private boolean eof;
    private final String compression;
    private String failure;

    /**
     * Creates a window over {@code in}, whose first bytes were already read into {@code prefix}. {@code sizeHint} is
     * the stream's length when known (or -1): a small file needs a window of only its size (at least 64 KiB), not
     * 256 KiB, unless a larger spare is at hand; and many sources open at once share {@link #SHARED_WINDOWS}.
     */
    ByteSource(ReadableByteChannel in, byte[] prefix, String compression, long sizeHint) {
        this.in = in;
        this.compression = compression;
        int sized = sizeHint >= 0 ? (int) Math.min(DEFAULT_WINDOW, Math.max(MIN_WINDOW, sizeHint)) : DEFAULT_WINDOW;
        int share = (int) Math.max(SMALLEST_WINDOW, SHARED_WINDOWS / OPEN.incrementAndGet());
        try {
            int window = Math.max(prefix.length, Math.min(sized, share));
            ByteBuffer spare = SPARE_WINDOWS.poll();
            // A spare too small for this source is left to the collector; one taken is set as a new one would be.
            if (spare != null && spare.capacity() < window) {
                drop(spare);
                spare = null;
            }
            install(spare != null ? spare.clear().order(ByteOrder.BIG_ENDIAN) : newWindow(window));
        } catch (RuntimeException | Error e) {
            OPEN.decrementAndGet();
            throw e;
        }
        buffer.put(0, prefix);
        this.limit = prefix.length;
    }

    /** Returns the suffix naming the compression around the capture ({@code +gzip}), or an empty string. */
    String compression() {
        return compression;
    }

    /** Returns the stream offset of the next unread byte. */
    long offset() {
        return base + position;
    }

    /** Returns how many unread bytes the window holds now. */
    int available() {
        return limit - position;
    }

    /**
     * Makes at least {@code n} unread bytes available, reading as needed. Returns false when the stream ends first;
     * the bytes that do exist stay available.
     */
    boolean ensure(int n) {
        if (limit - position >= n) {
            return true;
        }
        if (n > MAX_WINDOW) {
            throw new IllegalArgumentException("record of " + n + " bytes exceeds the read window");
        }
        compact(n);
        while (limit - position < n && !eof) {
            fill();
        }
        return limit - position >= n;
    }

    /** Consumes {@code n} bytes, reading and discarding them when they are not in the window. Returns false at EOF. */
    boolean skip(long n) {
        long rest = n;
        while (rest > 0) {
            if (position == limit && !refillEmptyWindow()) {
                return false;
            }
            int step = (int) Math.min(rest, limit - position);
            position += step;
            rest -= step;
        }
        return true;
    }

    private boolean refillEmptyWindow() {
        base += limit;
        position = 0;
        limit = 0;
        while (limit == 0 && !eof) {
            fill();
        }
        return limit > 0;
    }

    private void compact(int n) {
        int unread = limit - position;
        if (buffer.capacity() < n) {
            ByteBuffer grown = newWindow(Math.min(MAX_WINDOW, Math.max(n, buffer.capacity() * 2)));
            grown.put(0, buffer, position, unread);
            drop(buffer);
            install(grown);
        } else if (position > 0) {
            // Overlapping: the bulk put copies as if through a temporary buffer when source and target share memory.
            buffer.put(0, buffer, position, unread);
        }
        base += position;
        position = 0;
        limit = unread;
    }

    /** Returns a new window of {@code size} bytes: direct within the budget, else on the heap (class comment). */
    private static ByteBuffer newWindow(int size) {
        if (DIRECT_HELD.addAndGet(size) <= DIRECT_LIMIT.get()) {
            try {
                return ByteBuffer.allocateDirect(size);
            } catch (OutOfMemoryError e) {
                // The JVM's cap is below the budget: hold the budget below what is in use from now on, leaving room
                // for the temporary buffer of reads into heap windows.
                DIRECT_LIMIT.accumulateAndGet(DIRECT_HELD.get() - size - HEAP_WINDOW_READ, Math::min);
            }
        }
        DIRECT_HELD.addAndGet(-size);
        return ByteBuffer.allocate(size);
    }

    /** Forgets a window no source will use again (its direct memory returns at the next collection). */
    private static void drop(ByteBuffer window) {
        if (window.isDirect()) {
            DIRECT_HELD.addAndGet(-window.capacity());
        }
    }

    /** Makes {@code window} (new, big-endian, position 0, limit its capacity) the window. */
    private void install(ByteBuffer window) {
        buffer = window;
        target = window.duplicate();
    }

    private void fill() {
        try {
            int end = target.capacity();
            if (!target.isDirect()) {
                end = Math.min(end, limit + HEAP_WINDOW_READ);
            }
            target.limit(end).position(limit);
            int read = in.read(target);
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        } catch (IOException e) {
            eof = true;
            failure = "read failed at byte " + (base + limit) + ": " + e.getMessage();
        } catch (OutOfMemoryError e) {
            // The channel's temporary buffer for a heap window found no direct memory: the stream ends here.
            eof = true;
            failure = "read failed at byte " + (base + limit) + ": no memory for the read (" + e.getMessage() + ")";
        }
    }

    /**
     * Returns why the stream ended early (an I/O or decompression error, such as a cut gzip file), or null when it
     * ended normally. Readers report it as damage, so the frames before it still count.
     */
    String failure() {
        return failure;
    }

    /** Returns the damage to report when a reader stops: its own finding, or the stream's failure, or null. */
    Damage damageAtStop(Damage found) {
        if (failure == null) {
            return found;
        }
        return found == null ? new Damage(offset(), failure) : new Damage(found.offset(), found.what() + "; " + failure);
    }

    /** Closes the stream and gives the window back for reuse (see the class comment); a second call adds nothing. */
    void close() {
        ByteBuffer window = buffer;
        if (window != null) {
            OPEN.decrementAndGet();
        }
        buffer = null;
        target = null;
        if (window != null && !(window.isDirect() && window.capacity() <= DEFAULT_WINDOW
                && SPARE_WINDOWS.offer(window))) {
            drop(window);   // a heap window, a grown one, or one more than the spares kept
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // Closing a file we only read loses nothing.
        }
    }
}
