package io.netspectra.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes pcap and pcapng files byte by byte for tests, in the byte order of the file (or of the current pcapng
 * section). {@link #size()} before a write is the stream offset of the record or block written next, which is what a
 * {@link Damage} must report.
 */
final class CaptureBytes {
    static final int PCAP_US = 0xA1B2C3D4;
    static final int PCAP_NS = 0xA1B23C4D;
    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 1;
    static final int OPB = 2;
    static final int SPB = 3;
    static final int NRB = 4;
    static final int ISB = 5;
    static final int EPB = 6;
    static final int DSB = 0x0000000A;
    static final int CUSTOM = 0x00000BAD;
    static final int CUSTOM_NO_COPY = 0x40000BAD;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean bigEndian;

    private CaptureBytes(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    /** Starts a classic pcap file: magic, version, thiszone, sigfigs, snaplen 65535, link type. */
    static CaptureBytes pcap(boolean bigEndian, boolean nanos, int major, int minor, int linkType) {
        CaptureBytes c = new CaptureBytes(bigEndian);
        c.u32(nanos ? PCAP_NS : PCAP_US).u16(major).u16(minor).u32(0).u32(0).u32(65535).u32(linkType);
        return c;
    }

    /** Starts a version 2.4 classic pcap file. */
    static CaptureBytes pcap(boolean bigEndian, boolean nanos, int linkType) {
        return pcap(bigEndian, nanos, 2, 4, linkType);
    }

    /** Starts an empty pcapng file; call {@link #section(boolean)} first. */
    static CaptureBytes pcapng() {
        return new CaptureBytes(false);
    }

    /** Appends a pcap record header and {@code data} (which may be shorter than {@code caplen} to model damage). */
    CaptureBytes record(long seconds, long subsecond, long caplen, long len, byte[] data) {
        return u32(seconds).u32(subsecond).u32(caplen).u32(len).bytes(data);
    }

    /** Appends a pcap record whose captured length is {@code data.length}. */
    CaptureBytes record(long seconds, long subsecond, byte[] data, int len) {
        return record(seconds, subsecond, data.length, len, data);
    }

    /** Appends a Section Header Block in the given byte order; later blocks use that order. */
    CaptureBytes section(boolean sectionBigEndian) {
        bigEndian = sectionBigEndian;
        CaptureBytes body = body().u32(0x1A2B3C4D).u16(1).u16(0).u32(0xFFFF_FFFFL).u32(0xFFFF_FFFFL);
        return block(SHB, body.toByteArray());
    }

    /** Appends an Interface Description Block; {@code options} come from {@link #option}, end-of-options added. */
    CaptureBytes idb(int linkType, int snaplen, byte[]... options) {
        CaptureBytes body = body().u16(linkType).u16(0).u32(snaplen);
        if (options.length > 0) {
            for (byte[] o : options) {
                body.bytes(o);
            }
            body.u16(0).u16(0);
        }
        return block(IDB, body.toByteArray());
    }

    /** Returns one option (code, length, value padded to 4) in the current byte order. */
    byte[] option(int code, byte[] value) {
        CaptureBytes o = body().u16(code).u16(value.length).bytes(value);
        o.pad4();
        return o.toByteArray();
    }

    byte[] ifName(String name) {
        return option(2, name.getBytes(StandardCharsets.US_ASCII));
    }

    byte[] tsresol(int resolution) {
        return option(9, new byte[] {(byte) resolution});
    }

    byte[] tsoffset(long seconds) {
        return option(14, body().u64(seconds).toByteArray());
    }

    /** Appends an Enhanced Packet Block; {@code data} may differ from {@code caplen} to model damage. */
    CaptureBytes epb(int iface, long timestamp, long caplen, long len, byte[] data) {
        CaptureBytes body = body().u32(iface).u32(timestamp >>> 32).u32(timestamp).u32(caplen).u32(len).bytes(data);
        body.pad4();
        return block(EPB, body.toByteArray());
    }

    CaptureBytes epb(int iface, long timestamp, byte[] data, int len) {
        return epb(iface, timestamp, data.length, len, data);
    }

    /** Appends a Simple Packet Block: original length, then {@code data} padded to 4. */
    CaptureBytes spb(long len, byte[] data) {
        CaptureBytes body = body().u32(len).bytes(data);
        body.pad4();
        return block(SPB, body.toByteArray());
    }

    /** Appends an Obsolete Packet Block (type 2): 16-bit interface, drops, timestamp, lengths, data. */
    CaptureBytes opb(int iface, long timestamp, byte[] data, int len) {
        CaptureBytes body = body().u16(iface).u16(0).u32(timestamp >>> 32).u32(timestamp).u32(data.length).u32(len)
                .bytes(data);
        body.pad4();
        return block(OPB, body.toByteArray());
    }

    /** Appends a block of any type around {@code body} (padded to 4). */
    CaptureBytes block(int type, byte[] body) {
        int padded = (body.length + 3) & ~3;
        u32(type).u32(12 + padded).bytes(body).zeros(padded - body.length).u32(12 + padded);
        return this;
    }

    CaptureBytes u8(int v) {
        out.write(v);
        return this;
    }

    CaptureBytes u16(int v) {
        return bigEndian ? u8(v >>> 8).u8(v) : u8(v).u8(v >>> 8);
    }

    CaptureBytes u32(long v) {
        return bigEndian ? u16((int) (v >>> 16)).u16((int) v) : u16((int) v).u16((int) (v >>> 16));
    }

    CaptureBytes u64(long v) {
        return bigEndian ? u32(v >>> 32).u32(v) : u32(v).u32(v >>> 32);
    }

    CaptureBytes bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    CaptureBytes zeros(int n) {
        return bytes(new byte[n]);
    }

    /** Returns the number of bytes written so far: the offset of whatever is written next. */
    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Writes the bytes to {@code dir/name} and returns the path. */
    Path write(Path dir, String name) {
        return writeFile(dir, name, toByteArray());
    }

    static Path writeFile(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(zipped)) {
            z.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zipped.toByteArray();
    }

    /** Returns {@code n} bytes whose first byte is {@code tag}, the rest a simple pattern. */
    static byte[] payload(int n, int tag) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i == 0 ? tag : tag * 31 + i);
        }
        return b;
    }

    private CaptureBytes body() {
        return new CaptureBytes(bigEndian);
    }

    private void pad4() {
        zeros((4 - out.size() % 4) % 4);
    }
}
