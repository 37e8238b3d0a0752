package io.netspectra.store;

import io.netspectra.NetSpectraException.CorruptSnapshotException;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The fixed header in front of every snapshot file's Kryo body. Big-endian.
 *
 * <pre>
 * +----------------------------------------------+
 * | magic "NSSNAP\r\n" (8)                       |  0
 * | format version (2)  | kind (2)               |  8
 * | reserved, 0 (4)                              | 12
 * | body length (8)                              | 16
 * | body CRC-32 (4)     | reserved, 0 (4)        | 24
 * +----------------------------------------------+ 32: Kryo body
 * </pre>
 *
 * <p>The CR LF in the magic exposes text-mode mangling; the length and CRC expose truncation and corruption.
 */
public final class SnapshotHeader {
    static final byte[] MAGIC = {'N', 'S', 'S', 'N', 'A', 'P', '\r', '\n'};
    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = MAGIC_OFFSET + MAGIC.length;
    static final int KIND_OFFSET = VERSION_OFFSET + 2;
    static final int RESERVED_OFFSET = KIND_OFFSET + 2;
    static final int BODY_LENGTH_OFFSET = RESERVED_OFFSET + 4;
    static final int BODY_CRC_OFFSET = BODY_LENGTH_OFFSET + 8;
    static final int SIZE = BODY_CRC_OFFSET + 8;

    /**
     * The snapshot format version this build writes. Readers accept every version up to it. Version 2 added
     * {@link #KIND_SKETCHES} and {@link #KIND_CONNECTIONS}; flows and bins bodies are the same in versions 1 and 2.
     * A new kind is a new file beside the others, so it did not need a version of its own: no version-1 file holds
     * either, and a version-2 reader without connections never opens a {@code connections.nss}.
     */
    public static final int FORMAT_VERSION = 2;
    /** The first format version with {@link #KIND_SKETCHES} files. */
    public static final int FIRST_SKETCHES_VERSION = 2;
    /** The first format version with {@link #KIND_CONNECTIONS} files; a version-1 header on one is corrupt. */
    public static final int FIRST_CONNECTIONS_VERSION = 2;
    /** Kind: one task's flows over one window. */
    public static final int KIND_FLOWS = 1;
    /** Kind: one task's time bins over one window ({@code bins.nss}, {@link BinsCodec}). */
    public static final int KIND_BINS = 2;
    /** Kind: one task's sketches over one window ({@code sketches.nss}, {@link SketchesCodec}); version 2 on. */
    public static final int KIND_SKETCHES = 3;
    /**
     * Kind: the connections of one connections task that ended in one window ({@code connections.nss},
     * {@link ConnectionsCodec}); version 2 on.
     */
    public static final int KIND_CONNECTIONS = 4;

    private SnapshotHeader() {
    }

    /** Returns header + body as one array ready to write. */
    static byte[] wrap(int kind, byte[] body, int bodyLength) {
        return wrap(kind, body, bodyLength, body, 0);
    }

    /**
     * Returns header + a body given in two parts, {@code a} then {@code b}, as one array ready to write (so a body
     * built in two buffers is copied once, not twice).
     */
    static byte[] wrap(int kind, byte[] a, int aLength, byte[] b, int bLength) {
        byte[] file = new byte[SIZE + aLength + bLength];
        System.arraycopy(a, 0, file, SIZE, aLength);
        System.arraycopy(b, 0, file, SIZE + aLength, bLength);
        writeInto(kind, file, aLength + bLength);
        return file;
    }

    /**
     * Serializes {@code body} with {@code kryo} behind a header of {@code kind}, into {@code reuse} when its buffer
     * holds {@code bodyEstimate} bytes after the header, else into a new output of that size (the bulk path of
     * {@link LongWords#write} needs the whole array to fit); the file is {@code getBuffer()[0, position())}.
     */
    static Output serialize(Kryo kryo, int kind, Object body, long bodyEstimate, Output reuse) {
        int size = (int) Math.min(Integer.MAX_VALUE - 64, SIZE + bodyEstimate);
        Output out = reuse != null && reuse.getBuffer().length >= size ? reuse : new Output(size, -1);
        out.setPosition(SIZE);
        kryo.writeObject(out, body);
        writeInto(kind, out.getBuffer(), out.position() - SIZE);
        return out;
    }

    /** Returns header and Kryo body as one array ready to write (see {@link #serialize}). */
    static byte[] encode(Kryo kryo, int kind, Object body, long bodyEstimate) {
        Output out = serialize(kryo, kind, body, bodyEstimate, null);
        return Arrays.copyOf(out.getBuffer(), out.position());
    }

    /**
     * Writes the header into {@code file[0, SIZE)} for the body already in {@code file[SIZE, SIZE + bodyLength)}, so
     * a body serialized after {@code SIZE} reserved bytes becomes a file without a copy.
     */
    static void writeInto(int kind, byte[] file, int bodyLength) {
        CRC32 crc = new CRC32();
        crc.update(file, SIZE, bodyLength);
        ByteBuffer b = ByteBuffer.wrap(file, 0, SIZE).order(ByteOrder.BIG_ENDIAN);
        b.put(MAGIC);
        b.putShort((short) FORMAT_VERSION);
        b.putShort((short) kind);
        b.putInt(0);
        b.putLong(bodyLength);
        b.putInt((int) crc.getValue());
        b.putInt(0);
    }

    /**
     * As {@link #check(String, byte[], int)}, and the file's format version must be at least {@code firstVersion},
     * the first that has files of this kind; {@code what} names the kind in the error, e.g. {@code sketches}.
     */
    static int check(String name, byte[] file, int expectedKind, int firstVersion, String what) {
        int version = check(name, file, expectedKind);
        if (version < firstVersion) {
            throw corrupt(name, what + " in format version " + version + ": expected " + firstVersion + " or later");
        }
        return version;
    }

    /**
     * Checks the header of {@code file} (its whole content) and returns the version; the body follows at
     * {@link #SIZE}.
     */
    static int check(String name, byte[] file, int expectedKind) {
        if (file.length < SIZE) {
            throw corrupt(name, "truncated header: expected " + SIZE + " bytes, actual " + file.length);
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < MAGIC.length; i++) {
            if (file[MAGIC_OFFSET + i] != MAGIC[i]) {
                throw corrupt(name, "not a NetSpectra snapshot file (bad magic)");
            }
        }
        int version = b.getShort(VERSION_OFFSET) & 0xFFFF;
        if (version < 1 || version > FORMAT_VERSION) {
            throw corrupt(name, "unknown format version: expected 1 to " + FORMAT_VERSION + ", actual " + version);
        }
        int kind = b.getShort(KIND_OFFSET) & 0xFFFF;
        if (kind != expectedKind) {
            throw corrupt(name, "unexpected kind: expected " + expectedKind + ", actual " + kind);
        }
        long length = b.getLong(BODY_LENGTH_OFFSET);
        if (length != file.length - SIZE) {
            throw corrupt(name, "body length: expected " + length + " bytes, actual " + (file.length - SIZE)
                    + (length > file.length - SIZE ? " (truncated)" : ""));
        }
        CRC32 crc = new CRC32();
        crc.update(file, SIZE, file.length - SIZE);
        int expectedCrc = b.getInt(BODY_CRC_OFFSET);
        if ((int) crc.getValue() != expectedCrc) {
            throw corrupt(name, String.format("body CRC-32: expected %08x, actual %08x", expectedCrc,
                    (int) crc.getValue()));
        }
        return version;
    }

    static CorruptSnapshotException corrupt(String name, String what) {
        return new CorruptSnapshotException(name + ": corrupt snapshot: " + what);
    }
}
