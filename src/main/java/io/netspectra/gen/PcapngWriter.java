package io.netspectra.gen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Writes pcapng, little-endian: a Section Header Block naming the generator and its spec, one Interface Description
 * Block (Ethernet, the spec's snaplen, if_tsresol 9 for nanoseconds), then one Enhanced Packet Block per packet.
 *
 * <pre>
 * Section Header Block:
 * +------------------------------------------------+
 * | block type 0x0a0d0d0a                        4 |
 * | block total length                           4 |
 * | byte-order magic 0x1a2b3c4d                  4 |
 * | major version 1 2 | minor version 0        2 |
 * | section length -1 (unknown)                  8 |
 * | options: shb_userappl, opt_comment, end        |
 * | block total length                           4 |
 * +------------------------------------------------+
 *
 * Interface Description Block (32 bytes):
 * +------------------------------------------------+
 * | block type 1                                 4 |
 * | block total length 32                        4 |
 * | link type 1 (EN10MB) 2 | reserved 0          2 |
 * | snaplen                                      4 |
 * | if_tsresol: code 9 2 | length 1             2 |
 * | value 9 (nanoseconds) 1 | padding            3 |
 * | opt_endofopt                                 4 |
 * | block total length 32                        4 |
 * +------------------------------------------------+
 *
 * Enhanced Packet Block (32 bytes plus the data padded to 4):
 * +------------------------------------------------+
 * | block type 6                                 4 |
 * | block total length                           4 |
 * | interface id 0                               4 |
 * | timestamp, high 32 bits (nanoseconds)        4 |
 * | timestamp, low 32 bits                       4 |
 * | captured length                              4 |
 * | original length                              4 |
 * | packet data, zero-padded to 4 bytes            |
 * | block total length                           4 |
 * +------------------------------------------------+
 * </pre>
 */
final class PcapngWriter implements CaptureWriter {
    static final int SHB_TYPE = 0x0a0d0d0a;
    static final int IDB_TYPE = 1;
    static final int EPB_TYPE = 6;
    static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;
    static final int OPTION_END = 0;
    static final int OPTION_COMMENT = 1;
    static final int SHB_USERAPPL = 4;
    static final int IF_TSRESOL = 9;
    static final int TSRESOL_NANOSECONDS = 9;

    static final int BLOCK_TYPE_OFFSET = 0;
    static final int BLOCK_LENGTH_OFFSET = BLOCK_TYPE_OFFSET + 4;
    static final int BLOCK_BODY_OFFSET = BLOCK_LENGTH_OFFSET + 4;
    static final int BLOCK_TRAILER = 4;

    static final int SHB_MAGIC_OFFSET = BLOCK_BODY_OFFSET;
    static final int SHB_MAJOR_OFFSET = SHB_MAGIC_OFFSET + 4;
    static final int SHB_MINOR_OFFSET = SHB_MAJOR_OFFSET + 2;
    static final int SHB_SECTION_LENGTH_OFFSET = SHB_MINOR_OFFSET + 2;
    static final int SHB_OPTIONS_OFFSET = SHB_SECTION_LENGTH_OFFSET + 8;

    static final int IDB_LINKTYPE_OFFSET = BLOCK_BODY_OFFSET;
    static final int IDB_RESERVED_OFFSET = IDB_LINKTYPE_OFFSET + 2;
    static final int IDB_SNAPLEN_OFFSET = IDB_RESERVED_OFFSET + 2;
    static final int IDB_TSRESOL_CODE_OFFSET = IDB_SNAPLEN_OFFSET + 4;
    static final int IDB_TSRESOL_LENGTH_OFFSET = IDB_TSRESOL_CODE_OFFSET + 2;
    static final int IDB_TSRESOL_VALUE_OFFSET = IDB_TSRESOL_LENGTH_OFFSET + 2;
    static final int IDB_END_OPTION_OFFSET = IDB_TSRESOL_VALUE_OFFSET + 4;
    static final int IDB_TRAILER_OFFSET = IDB_END_OPTION_OFFSET + 4;
    static final int IDB_LENGTH = IDB_TRAILER_OFFSET + BLOCK_TRAILER;

    static final int EPB_INTERFACE_OFFSET = BLOCK_BODY_OFFSET;
    static final int EPB_TIMESTAMP_HIGH_OFFSET = EPB_INTERFACE_OFFSET + 4;
    static final int EPB_TIMESTAMP_LOW_OFFSET = EPB_TIMESTAMP_HIGH_OFFSET + 4;
    static final int EPB_CAPTURED_LENGTH_OFFSET = EPB_TIMESTAMP_LOW_OFFSET + 4;
    static final int EPB_ORIGINAL_LENGTH_OFFSET = EPB_CAPTURED_LENGTH_OFFSET + 4;
    static final int EPB_DATA_OFFSET = EPB_ORIGINAL_LENGTH_OFFSET + 4;
    static final int EPB_OVERHEAD = EPB_DATA_OFFSET + BLOCK_TRAILER;

    private static final String USER_APPLICATION = "NetSpectra ns-cli pcapgen";

    private final ByteSink sink;

    PcapngWriter(ByteSink sink, GenSpec spec) throws IOException {
        this.sink = sink;
        writeSectionHeader(spec);
        writeInterfaceDescription(spec.snaplen());
    }

    @Override
    public void writePacket(long timestampNanos, byte[] frame, int capturedLength, int wireLength) throws IOException {
        int blockLength = EPB_OVERHEAD + padded(capturedLength);
        int at = sink.claim(EPB_DATA_OFFSET);
        sink.setInt(at + BLOCK_TYPE_OFFSET, EPB_TYPE);
        sink.setInt(at + BLOCK_LENGTH_OFFSET, blockLength);
        sink.setInt(at + EPB_INTERFACE_OFFSET, 0);
        sink.setInt(at + EPB_TIMESTAMP_HIGH_OFFSET, (int) (timestampNanos >>> 32));
        sink.setInt(at + EPB_TIMESTAMP_LOW_OFFSET, (int) timestampNanos);
        sink.setInt(at + EPB_CAPTURED_LENGTH_OFFSET, capturedLength);
        sink.setInt(at + EPB_ORIGINAL_LENGTH_OFFSET, wireLength);
        sink.append(frame, 0, capturedLength, 4);
        sink.setInt(sink.claim(BLOCK_TRAILER), blockLength);
    }

    @Override
    public void flush() throws IOException {
        sink.flush();
    }

    @Override
    public long bytesWritten() {
        return sink.bytesWritten();
    }

    private void writeSectionHeader(GenSpec spec) throws IOException {
        byte[] application = USER_APPLICATION.getBytes(StandardCharsets.UTF_8);
        byte[] comment = String.format(Locale.ROOT, "pcapgen seed=%d packets=%d flows=%d zipf=%s rate=%s",
                spec.seed(), spec.packets(), spec.flows(), spec.zipfExponent(), spec.packetsPerSecond())
                .getBytes(StandardCharsets.UTF_8);
        int optionsLength = optionLength(application) + optionLength(comment) + 4;
        int blockLength = SHB_OPTIONS_OFFSET + optionsLength + BLOCK_TRAILER;
        int at = sink.claim(SHB_OPTIONS_OFFSET);
        sink.setInt(at + BLOCK_TYPE_OFFSET, SHB_TYPE);
        sink.setInt(at + BLOCK_LENGTH_OFFSET, blockLength);
        sink.setInt(at + SHB_MAGIC_OFFSET, BYTE_ORDER_MAGIC);
        sink.setShort(at + SHB_MAJOR_OFFSET, 1);
        sink.setShort(at + SHB_MINOR_OFFSET, 0);
        sink.setLong(at + SHB_SECTION_LENGTH_OFFSET, -1L);
        writeOption(SHB_USERAPPL, application);
        writeOption(OPTION_COMMENT, comment);
        writeOptionHeader(OPTION_END, 0);
        sink.setInt(sink.claim(BLOCK_TRAILER), blockLength);
    }

    private void writeInterfaceDescription(int snaplen) throws IOException {
        int at = sink.claim(IDB_LENGTH);
        sink.setInt(at + BLOCK_TYPE_OFFSET, IDB_TYPE);
        sink.setInt(at + BLOCK_LENGTH_OFFSET, IDB_LENGTH);
        sink.setShort(at + IDB_LINKTYPE_OFFSET, PcapWriter.LINKTYPE_ETHERNET);
        sink.setShort(at + IDB_RESERVED_OFFSET, 0);
        sink.setInt(at + IDB_SNAPLEN_OFFSET, snaplen);
        sink.setShort(at + IDB_TSRESOL_CODE_OFFSET, IF_TSRESOL);
        sink.setShort(at + IDB_TSRESOL_LENGTH_OFFSET, 1);
        sink.setInt(at + IDB_TSRESOL_VALUE_OFFSET, TSRESOL_NANOSECONDS);
        sink.setInt(at + IDB_END_OPTION_OFFSET, OPTION_END);
        sink.setInt(at + IDB_TRAILER_OFFSET, IDB_LENGTH);
    }

    private void writeOption(int code, byte[] value) throws IOException {
        writeOptionHeader(code, value.length);
        sink.append(value, 0, value.length, 4);
    }

    private void writeOptionHeader(int code, int length) throws IOException {
        int at = sink.claim(4);
        sink.setShort(at, code);
        sink.setShort(at + 2, length);
    }

    private static int optionLength(byte[] value) {
        return 4 + padded(value.length);
    }

    private static int padded(int length) {
        return (length + 3) & ~3;
    }
}
