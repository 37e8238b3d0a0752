package io.netspectra.gen;

import java.io.IOException;

/**
 * Writes packets in one capture format: a file header on creation, then one record per packet. Not thread-safe.
 */
interface CaptureWriter {
    /** Appends one packet: {@code capturedLength} bytes of {@code frame}, from a frame of {@code wireLength}. */
    void writePacket(long timestampNanos, byte[] frame, int capturedLength, int wireLength) throws IOException;

    /** Sends everything buffered to the stream; the stream stays open. */
    void flush() throws IOException;

    /** Returns the bytes of capture written so far, headers included. */
    long bytesWritten();

    /** Returns a writer for {@code spec}'s format, having written that format's file header to {@code sink}. */
    static CaptureWriter open(GenSpec spec, ByteSink sink) throws IOException {
        return switch (spec.format()) {
            case PCAP -> new PcapWriter(sink, spec.snaplen());
            case PCAPNG -> new PcapngWriter(sink, spec);
        };
    }
}
