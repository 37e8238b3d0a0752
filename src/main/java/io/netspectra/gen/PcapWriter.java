package io.netspectra.gen;

import java.io.IOException;

/**
 * Writes classic pcap, little-endian, with nanosecond timestamps.
 *
 * <pre>
 * File header (24 bytes):
 * +----------------------------------------+
 * | magic 0xa1b23c4d (nanoseconds)       4 |
 * | version major 2 | version minor 4  2+2 |
 * | thiszone 0                           4 |
 * | sigfigs 0                            4 |
 * | snaplen                              4 |
 * | link type 1 (EN10MB)                 4 |
 * +----------------------------------------+
 *
 * Record header (16 bytes), then the captured bytes:
 * +-----------+---------------+-------------------+-------------------+
 * | seconds 4 | nanoseconds 4 | captured length 4 | original length 4 |
 * +-----------+---------------+-------------------+-------------------+
 * </pre>
 */
final class PcapWriter implements CaptureWriter {
    static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
    static final int VERSION_MAJOR = 2;
    static final int VERSION_MINOR = 4;
    static final int LINKTYPE_ETHERNET = 1;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_MAJOR_OFFSET = MAGIC_OFFSET + 4;
    static final int VERSION_MINOR_OFFSET = VERSION_MAJOR_OFFSET + 2;
    static final int THISZONE_OFFSET = VERSION_MINOR_OFFSET + 2;
    static final int SIGFIGS_OFFSET = THISZONE_OFFSET + 4;
    static final int SNAPLEN_OFFSET = SIGFIGS_OFFSET + 4;
    static final int LINKTYPE_OFFSET = SNAPLEN_OFFSET + 4;
    static final int FILE_HEADER = LINKTYPE_OFFSET + 4;

    static final int SECONDS_OFFSET = 0;
    static final int NANOSECONDS_OFFSET = SECONDS_OFFSET + 4;
    static final int CAPTURED_LENGTH_OFFSET = NANOSECONDS_OFFSET + 4;
    static final int ORIGINAL_LENGTH_OFFSET = CAPTURED_LENGTH_OFFSET + 4;
    static final int RECORD_HEADER = ORIGINAL_LENGTH_OFFSET + 4;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final ByteSink sink;

    PcapWriter(ByteSink sink, int snaplen) throws IOException {
        this.sink = sink;
        int at = sink.claim(FILE_HEADER);
        sink.setInt(at + MAGIC_OFFSET, MAGIC_NANOSECONDS);
        sink.setShort(at + VERSION_MAJOR_OFFSET, VERSION_MAJOR);
        sink.setShort(at + VERSION_MINOR_OFFSET, VERSION_MINOR);
        sink.setInt(at + THISZONE_OFFSET, 0);
        sink.setInt(at + SIGFIGS_OFFSET, 0);
        sink.setInt(at + SNAPLEN_OFFSET, snaplen);
        sink.setInt(at + LINKTYPE_OFFSET, LINKTYPE_ETHERNET);
    }

    @Override
    public void writePacket(long timestampNanos, byte[] frame, int capturedLength, int wireLength) throws IOException {
        int at = sink.claim(RECORD_HEADER);
        sink.setInt(at + SECONDS_OFFSET, (int) (timestampNanos / NANOS_PER_SECOND));
        sink.setInt(at + NANOSECONDS_OFFSET, (int) (timestampNanos % NANOS_PER_SECOND));
        sink.setInt(at + CAPTURED_LENGTH_OFFSET, capturedLength);
        sink.setInt(at + ORIGINAL_LENGTH_OFFSET, wireLength);
        sink.append(frame, 0, capturedLength, 1);
    }

    @Override
    public void flush() throws IOException {
        sink.flush();
    }

    @Override
    public long bytesWritten() {
        return sink.bytesWritten();
    }
}
