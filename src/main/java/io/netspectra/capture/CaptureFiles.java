package io.netspectra.capture;

import io.netspectra.NetSpectraException.InputException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * Opens capture files, choosing the reader by magic number, never by file name: classic pcap (four magics),
 * pcapng, and gzip around either.
 */
public final class CaptureFiles {
    private static final int PCAP_US = 0xA1B2C3D4;
    private static final int PCAP_NS = 0xA1B23C4D;
    private static final int GZIP_MAGIC = 0x1F8B;
    private static final int GZIP_BUFFER = 1 << 16;

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
            byte[] head = readHead(Channels.newInputStream(raw), path.toString(), 4);
            if (isGzip(head)) {
                return openGzip(Channels.newInputStream(raw), path.toString(), head);
            }
            return openUncompressed(raw, path.toString(), head, "", size);
        } catch (RuntimeException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    /** Opens a capture from a stream already open; {@code name} is used in messages. */
    public static CaptureReader open(InputStream raw, String name) {
        byte[] head = readHead(raw, name, 4);
        if (isGzip(head)) {
            return openGzip(raw, name, head);
        }
        return openUncompressed(Channels.newChannel(raw), name, head, "", -1);
    }

    private static boolean isGzip(byte[] head) {
        return head.length >= 2 && ((head[0] & 0xFF) << 8 | (head[1] & 0xFF)) == GZIP_MAGIC;
    }

    private static CaptureReader openGzip(InputStream raw, String name, byte[] head) {
        InputStream unzipped;
        try {
            unzipped = new BufferedInputStream(new NoAvailableEstimateStream(
                    new GZIPInputStream(new PrefixedStream(head, raw), GZIP_BUFFER)), GZIP_BUFFER);
        } catch (IOException e) {
            throw new InputException(name + ": not a valid gzip file: " + e.getMessage(), e);
        }
        return openUncompressed(Channels.newChannel(unzipped), name + " (gzip)", readHead(unzipped, name, 4),
                "+gzip", -1);
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
        int be = WireOrder.int32(head, 0, true);
        ByteSource source = new ByteSource(in, head, compression, sizeHint);
        if (be == PcapngReader.SECTION_HEADER) {
            return new PcapngReader(source);
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
        if (!source.ensure(PcapReader.FILE_HEADER_SIZE)) {
            throw new InputException(name + ": pcap file header incomplete (" + source.available() + " of "
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
     * Hides the wrapped stream's {@code available()} estimate (always 0), so that no byte inflated from a cut gzip
     * file is lost. {@code BufferedInputStream.read} and the adapter of {@code Channels.newChannel} keep reading while
     * {@code available() > 0}, and {@code GZIPInputStream.available()} is 1 until the end; when a later read in that
     * loop throws (the gzip stream is cut), the bytes already read in the same call are dropped with it. With 0 they
     * return what they have, and the failure comes alone on the next read.
     */
    private static final class NoAvailableEstimateStream extends InputStream {
        private final InputStream in;

        NoAvailableEstimateStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
