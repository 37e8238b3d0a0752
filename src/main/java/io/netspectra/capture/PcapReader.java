package io.netspectra.capture;

import java.nio.ByteBuffer;

/**
 * Reads classic pcap records.
 *
 * <pre>
 * File header (24 bytes)                      Record header (16 bytes), then caplen bytes of frame
 * +--------------------------------+          +--------------------------------+
 * | magic a1b2c3d4 (us) / a1b23c4d (ns)       | ts seconds                     |  0
 * | major (2)     | minor (2)      |  4       | ts sub-second (us or ns)       |  4
 * | thiszone (4)                   |  8       | captured length (caplen)       |  8
 * | sigfigs (4)                    | 12       | original length (len)          | 12
 * | snaplen (4)                    | 16       +--------------------------------+
 * | FCS bits (4) | link type (28)  | 20
 * +--------------------------------+
 * </pre>
 *
 * <p>The sub-second field is not range-checked: a value past one second carries into the seconds, as libpcap and
 * tshark do. Files of version 2.0-2.2 store caplen and len swapped (swapped back always); version 2.3 files are
 * swapped back where caplen exceeds len, as libpcap does.
 */
final class PcapReader extends RecordReader {
    static final int FILE_HEADER_SIZE = 24;
    private static final int MAJOR_OFFSET = 4;
    private static final int MINOR_OFFSET = MAJOR_OFFSET + 2;
    private static final int LINK_TYPE_OFFSET = 20;

    private static final int RECORD_HEADER_SIZE = 16;
    private static final int TS_SECONDS_OFFSET = 0;
    private static final int TS_SUBSEC_OFFSET = TS_SECONDS_OFFSET + 4;
    private static final int CAPLEN_OFFSET = TS_SUBSEC_OFFSET + 4;
    private static final int LEN_OFFSET = CAPLEN_OFFSET + 4;

    /** The largest captured length accepted; anything larger is damage, as in libpcap. */
    static final int MAX_CAPLEN = 262_144;

    private final boolean bigEndian;
    private final long subsecondNanos;
    private final int linkType;
    private final int lengthSwap;

    private static final int SWAP_NEVER = 0;
    private static final int SWAP_ALWAYS = 1;
    private static final int SWAP_WHEN_CAPLEN_EXCEEDS_LEN = 2;

    PcapReader(ByteSource in, boolean bigEndian, boolean nanos) {
        super(in);
        this.bigEndian = bigEndian;
        this.subsecondNanos = nanos ? 1 : 1000;
        ByteBuffer b = in.buffer;
        int h = in.position;
        int major = WireOrder.uint16(b, h + MAJOR_OFFSET, bigEndian);
        int minor = WireOrder.uint16(b, h + MINOR_OFFSET, bigEndian);
        this.linkType = WireOrder.int32(b, h + LINK_TYPE_OFFSET, bigEndian) & 0x0FFF_FFFF;
        if (major < 2 || (major == 2 && minor < 3)) {
            lengthSwap = SWAP_ALWAYS;
        } else if (major == 2 && minor == 3) {
            lengthSwap = SWAP_WHEN_CAPLEN_EXCEEDS_LEN;
        } else {
            lengthSwap = SWAP_NEVER;
        }
        in.position += FILE_HEADER_SIZE;
    }

    @Override
    public boolean next(Frame frame) {
        if (stopped()) {
            return false;
        }
        if (!in.ensure(RECORD_HEADER_SIZE)) {
            return stop(in.available() == 0 ? null
                    : new Damage(in.offset(), "record header incomplete (" + in.available() + " of 16 bytes)"));
        }
        ByteBuffer b = in.buffer;
        int h = in.position;
        long seconds = WireOrder.uint32(b, h + TS_SECONDS_OFFSET, bigEndian);
        long subsec = WireOrder.uint32(b, h + TS_SUBSEC_OFFSET, bigEndian);
        long caplen = WireOrder.uint32(b, h + CAPLEN_OFFSET, bigEndian);
        long len = WireOrder.uint32(b, h + LEN_OFFSET, bigEndian);
        if (lengthSwap == SWAP_ALWAYS || (lengthSwap == SWAP_WHEN_CAPLEN_EXCEEDS_LEN && caplen > len)) {
            long t = caplen;
            caplen = len;
            len = t;
        }
        if (caplen > MAX_CAPLEN) {
            return stop(new Damage(in.offset(), "captured length " + caplen + " exceeds " + MAX_CAPLEN));
        }
        int total = RECORD_HEADER_SIZE + (int) caplen;
        if (!in.ensure(total)) {
            return stop(new Damage(in.offset(), "record data runs past end of file (" + caplen
                    + " bytes claimed, " + (in.available() - RECORD_HEADER_SIZE) + " present)"));
        }
        b = in.buffer;
        h = in.position;
        frame.buffer = b;
        frame.offset = h + RECORD_HEADER_SIZE;
        frame.capturedLength = (int) caplen;
        frame.wireLength = (int) Math.min(len, Integer.MAX_VALUE);
        frame.timestampNanos = seconds * 1_000_000_000L + subsec * subsecondNanos;
        frame.linkType = linkType;
        in.position = h + total;
        return true;
    }

    @Override
    public String format() {
        return (subsecondNanos == 1 ? "pcap-ns" : "pcap") + in.compression();
    }
}
