package io.netspectra.gen;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A little-endian output buffer over a stream: writers claim room for a header, set its fields at named offsets, and
 * append frame bytes. The buffer goes to the stream when full and on {@link #flush}. Not thread-safe.
 */
final class ByteSink {
    /** The buffer size: large writes keep system calls rare. */
    static final int BUFFER_SIZE = 8 << 20;

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private long flushed;

    ByteSink(OutputStream out) {
        this.out = out;
    }

    /** Reserves {@code length} bytes (at most the buffer size) and returns where they start for the set methods. */
    int claim(int length) throws IOException {
        if (position + length > buffer.length) {
            drain();
        }
        int start = position;
        position += length;
        return start;
    }

    void setInt(int at, int value) {
        INT_LE.set(buffer, at, value);
    }

    void setShort(int at, int value) {
        SHORT_LE.set(buffer, at, (short) value);
    }

    void setLong(int at, long value) {
        LONG_LE.set(buffer, at, value);
    }

    /** Appends {@code length} bytes of {@code source} from {@code offset}, zero-padded to a multiple of align. */
    void append(byte[] source, int offset, int length, int align) throws IOException {
        int padded = (length + align - 1) / align * align;
        int at = claim(padded);
        System.arraycopy(source, offset, buffer, at, length);
        for (int i = at + length; i < at + padded; i++) {
            buffer[i] = 0;
        }
    }

    /** Returns the bytes appended so far, flushed or not. */
    long bytesWritten() {
        return flushed + position;
    }

    /** Sends the buffer to the stream and flushes the stream. */
    void flush() throws IOException {
        drain();
        out.flush();
    }

    private void drain() throws IOException {
        out.write(buffer, 0, position);
        flushed += position;
        position = 0;
    }
}
