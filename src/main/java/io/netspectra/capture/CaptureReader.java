package io.netspectra.capture;

import java.io.Closeable;

/**
 * Reads one capture file frame by frame.
 *
 * <p>Guarantees: {@link #next(Frame)} returns {@code false} exactly once the input is exhausted or damaged; after a
 * {@code false}, {@link #damage()} tells which. Frames are never returned after damage, nor after {@link #close()}
 * (then {@code next} returns false and {@code damage()} keeps what it was). No call throws for damage; only an I/O
 * failure of the underlying file throws (as an {@code InputException}).
 */
public interface CaptureReader extends Closeable {

    /** Fills {@code frame} with the next frame and returns true, or returns false at the end of the input. */
    boolean next(Frame frame);

    /** Returns the damage that stopped reading, or null when the file ended cleanly (or has not ended yet). */
    Damage damage();

    /** Returns the format name reported to users: {@code pcap}, {@code pcap-ns}, {@code pcapng}, each with
     * {@code +gzip} when the file was compressed. */
    String format();

    /** Closes the underlying file; never throws. */
    @Override
    void close();
}
