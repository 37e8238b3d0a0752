package io.netspectra.capture;

import com.github.luben.zstd.ZstdInputStream;
import io.netspectra.NetSpectraException.InputException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Opens capture files, choosing the reader by magic number, never by file name: classic pcap (four magics),
 * pcapng, and either one compressed with gzip, zstd, xz or bzip2 (one layer).
 */
public final class CaptureFiles {
    private static final int PCAP_US = 0xA1B2C3D4;
    private static final int PCAP_NS = 0xA1B23C4D;
    private static final int DECOMPRESS_BUFFER = 1 << 16;
    /** The longest magic number checked (xz). */
    private static final int HEAD_SIZE = 6;
    /**
     * The bytes read ahead inside a compressed stream: only the capture magic, so that a stream cut right after it
     * is damage after the header (reading further ahead would fail before the reader exists).
     */
    private static final int INNER_HEAD_SIZE = 4;
    /**
     * The most memory an xz stream may ask for, in KiB: {@code xz -9} needs 65 MiB to decode; a hostile header asking
     * for gigabytes is refused (as damage) instead of exhausting the heap. zstd-jni caps windows at 128 MiB itself.
     */
    private static final int XZ_MEMORY_LIMIT_KIB = 256 * 1024;

    /** A compression NetSpectra reads, by the magic number that starts its stream. */
    private enum Compression {
        GZIP("gzip", new byte[] {0x1F, (byte) 0x8B}),
        ZSTD("zstd", new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD}),
        XZ("xz", new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0x00}),
        BZIP2("bzip2", new byte[] {'B', 'Z', 'h'});

        final String label;
        final byte[] magic;

        Compression(String label, byte[] magic) {
            this.label = label;
            this.magic = magic;
        }

        static Compression of(byte[] head) {
            for (Compression c : values()) {
                if (head.length >= c.magic.length && Arrays.equals(head, 0, c.magic.length, c.magic, 0,
                        c.magic.length)) {
                    return c;
                }
            }
            return null;
        }

        /** Returns the decompressed stream; concatenated streams (as pigz, pzstd, pixz, pbzip2 write) are read on. */
        InputStream decompress(InputStream in) throws IOException {
            return switch (this) {
                case GZIP -> new GZIPInputStream(in, DECOMPRESS_BUFFER);
                case ZSTD -> new ZstdInputStream(in);
                case XZ -> new XZInputStream(in, XZ_MEMORY_LIMIT_KIB);
                case BZIP2 -> new BZip2CompressorInputStream(in, true);
            };
        }
    }

    private CaptureFiles() {
    }

    /**
     * Opens {@code path} and returns a reader positioned at the first frame.
     *
     * @throws InputException naming the file when it is missing, unreadable, empty or not a capture
     */
    public static CaptureReader open(Path path) {
        FileChannel raw;
        long size;
        try {
            if (Files.isDirectory(path)) {
                throw new InputException(path + ": is a directory, not a capture file");
            }
            raw = FileChannel.open(path, StandardOpenOption.READ);
            size = sizeOrUnknown(raw);
        } catch (NoSuchFileException e) {
            throw new InputException(path + ": no such file");
        } catch (AccessDeniedException e) {
            throw new InputException(path + ": permission denied");
        } catch (IOException e) {
            throw new InputException(path + ": cannot open: " + e.getMessage(), e);
        }
        try {
            byte[] head = readHead(Channels.newInputStream(raw), path.toString(), HEAD_SIZE);
            Compression c = Compression.of(head);
            if (c != null) {
                return openCompressed(c, Channels.newInputStream(raw), path.toString(), head);
            }
            return openUncompressed(raw, path.toString(), head, "", size);
        } catch (RuntimeException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    /** Opens a capture from a stream already open; {@code name} is used in messages. */
    public static CaptureReader open(InputStream raw, String name) {
        byte[] head = readHead(raw, name, HEAD_SIZE);
        Compression c = Compression.of(head);
        if (c != null) {
            return openCompressed(c, raw, name, head);
        }
        return openUncompressed(Channels.newChannel(raw), name, head, "", -1);
    }

    private static CaptureReader openCompressed(Compression c, InputStream raw, String name, byte[] head) {
        InputStream inflated;
        try {
            inflated = new BufferedInputStream(new CheckedDecompressorStream(
                    c.decompress(new PrefixedStream(head, raw))), DECOMPRESS_BUFFER);
        } catch (IOException | RuntimeException e) {
            throw new InputException(name + ": not a valid " + c.label + " file: " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new InputException(name + ": cannot read " + c.label + " here: its native decoder does not load on "
                    + "this platform (" + e.getMessage() + ")", e);
        }
        String inner = name + " (" + c.label + ")";
        return openUncompressed(Channels.newChannel(inflated), inner, readHead(inflated, name, INNER_HEAD_SIZE),
                "+" + c.label, -1);
    }

    private static long sizeOrUnknown(FileChannel channel) {
        try {
            return channel.size();
        } catch (IOException e) {
            return -1;
        }
    }

    private static CaptureReader openUncompressed(ReadableByteChannel in, String name, byte[] head,
                                                  String compression, long sizeHint) {
        if (head.length == 0) {
            throw new InputException(name + ": empty file, not a capture");
        }
        if (head.length < 4) {
            throw new InputException(name + ": not a capture file (only " + head.length + " bytes)");
        }
        int be = WireOrder.int32(ByteBuffer.wrap(head), 0, true);
        if (be == PcapngReader.SECTION_HEADER) {
            return new PcapngReader(new ByteSource(in, head, compression, sizeHint));
        }
        boolean bigEndian;
        boolean nanos;
        if (be == PCAP_US || be == PCAP_NS) {
            bigEndian = true;
            nanos = be == PCAP_NS;
        } else if (Integer.reverseBytes(be) == PCAP_US || Integer.reverseBytes(be) == PCAP_NS) {
            bigEndian = false;
            nanos = Integer.reverseBytes(be) == PCAP_NS;
        } else {
            throw new InputException(String.format("%s: not a capture file (magic 0x%08x is neither pcap nor pcapng)",
                    name, be));
        }
        // Made only for a capture: a source holds a window until closed, and a refused file is never read.
        ByteSource source = new ByteSource(in, head, compression, sizeHint);
        if (!source.ensure(PcapReader.FILE_HEADER_SIZE)) {
            int available = source.available();
            source.close();
            throw new InputException(name + ": pcap file header incomplete (" + available + " of "
                    + PcapReader.FILE_HEADER_SIZE + " bytes)");
        }
        return new PcapReader(source, bigEndian, nanos);
    }

    private static byte[] readHead(InputStream in, String name, int n) {
        try {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new InputException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(java.io.Closeable in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Already failing with a clearer message.
        }
    }

    /** Replays bytes already read from a stream before the rest of it. */
    private static final class PrefixedStream extends InputStream {
        private final byte[] prefix;
        private final InputStream rest;
        private int position;

        PrefixedStream(byte[] prefix, InputStream rest) {
            this.prefix = prefix;
            this.rest = rest;
        }

        @Override
        public int read() throws IOException {
            return position < prefix.length ? prefix[position++] & 0xFF : rest.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position < prefix.length) {
                int n = Math.min(len, prefix.length - position);
                System.arraycopy(prefix, position, b, off, n);
                position += n;
                return n;
            }
            return rest.read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            rest.close();
        }
    }

    /**
     * Turns a decompressor's unchecked failure on corrupt input into the {@code IOException} that reading reports as
     * damage. Hides the wrapped stream's {@code available()} estimate (always 0), so that no byte inflated from a cut
     * file is lost. {@code BufferedInputStream.read} and the adapter of {@code Channels.newChannel} keep reading while
     * {@code available() > 0}, and {@code GZIPInputStream.available()} is 1 until the end; when a later read in that
     * loop throws (the gzip stream is cut), the bytes already read in the same call are dropped with it. With 0 they
     * return what they have, and the failure comes alone on the next read.
     */
    private static final class CheckedDecompressorStream extends InputStream {
        private final InputStream in;

        CheckedDecompressorStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (RuntimeException e) {
                throw new IOException("corrupt compressed data: " + e, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (RuntimeException e) {
                throw new IOException("corrupt compressed data: " + e, e);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
