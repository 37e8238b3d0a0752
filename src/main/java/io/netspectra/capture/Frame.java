package io.netspectra.capture;

/**
 * A cursor over the frame the reader returned last. It is reused for every frame, so its fields are valid only until
 * the next call to {@link CaptureReader#next(Frame)}. It never leaves the reader thread.
 */
public final class Frame {
    /** The timestamp of a frame that carries none (pcapng Simple Packet Block). */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    /** The buffer holding the captured bytes; shared with the reader. */
    public byte[] buffer;
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
}
