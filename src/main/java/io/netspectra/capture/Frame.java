package io.netspectra.capture;

import java.nio.ByteBuffer;

/**
 * A cursor over the frame the reader returned last. It is reused for every frame, so its fields are valid only until
 * the next call to {@link CaptureReader#next(Frame)} or until the reader is closed (its window may then be another
 * reader's). It never leaves the reader thread.
 *
 * <p>The captured bytes are {@code buffer[offset, offset + capturedLength)}: the reader's window, usually a direct
 * buffer the file is read into (so no copy into the Java heap), a heap buffer past the budget for those. Read it at
 * absolute positions only, and never change its position, limit or byte order.
 */
public final class Frame {
    /** The timestamp of a frame that carries none (pcapng Simple Packet Block). */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    /** The buffer holding the captured bytes; shared with the reader. */
    public ByteBuffer buffer;
    /** Where the captured bytes start in {@link #buffer}. */
    public int offset;
    /** How many bytes were captured. */
    public int capturedLength;
    /** The original length of the frame on the wire. */
    public int wireLength;
    /** Nanoseconds since the epoch, or {@link #NO_TIMESTAMP}. */
    public long timestampNanos;
    /** The link type (LINKTYPE_* number) of the interface the frame came from. */
    public int linkType;

    /** Returns a copy of the captured bytes. */
    public byte[] bytes() {
        byte[] out = new byte[capturedLength];
        buffer.get(offset, out);
        return out;
    }
}
