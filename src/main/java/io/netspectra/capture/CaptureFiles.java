package io.netspectra.capture;

import io.netspectra.NetSpectraException.InputException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
        InputStream raw;
        try {
            if (Files.isDirectory(path)) {
                throw new InputException(path + ": is a directory, not a capture file");
            }
            raw = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new InputException(path + ": no such file");
        } catch (AccessDeniedException e) {
            throw new InputException(path + ": permission denied");
        } catch (IOException e) {
            throw new InputException(path + ": cannot open: " + e.getMessage(), e);
        }
        try {
            return open(raw, path.toString());
        } catch (RuntimeException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    /** Opens a capture from a stream already open; {@code name} is used in messages. */
    public static CaptureReader open(InputStream raw, String name) {
        byte[] head = readHead(raw, name, 4);
        if (head.length >= 2 && ((head[0] & 0xFF) << 8 | (head[1] & 0xFF)) == GZIP_MAGIC) {
            InputStream unzipped;
            try {
                unzipped = new GZIPInputStream(new PrefixedStream(head, raw), GZIP_BUFFER);
            } catch (IOException e) {
                throw new InputException(name + ": not a valid gzip file: " + e.getMessage(), e);
            }
            return openUncompressed(new BufferedInputStream(unzipped, GZIP_BUFFER), name + " (gzip)",
                    readHead(unzipped, name, 4), "+gzip");
        }
        return openUncompressed(raw, name, head, "");
    }

    private static CaptureReader openUncompressed(InputStream in, String name, byte[] head, String compression) {
        if (head.length == 0) {
            throw new InputException(name + ": empty file, not a capture");
        }
        if (head.length < 4) {
            throw new InputException(name + ": not a capture file (only " + head.length + " bytes)");
        }
        int be = WireOrder.int32(head, 0, true);
        ByteSource source = new ByteSource(in, head, compression);
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

    private static void closeQuietly(InputStream in) {
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
}
