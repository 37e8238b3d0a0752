package io.netspectra.store;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Arrays of longs in a snapshot body, in Kryo's own layout ({@link Output#writeLongs}: 8 bytes each, least
 * significant first) but moved with one little-endian view store or load per word. Kryo writes and reads each byte
 * separately, and its loop was the largest single compilation of a run (about 70 ms of C2 time on the 10M capture)
 * besides costing the snapshot writer a tenth of its time.
 *
 * <pre>
 *   word i at [at + 8i, at + 8i + 8):  byte 0 = bits 0-7, byte 1 = bits 8-15, ..., byte 7 = bits 56-63
 * </pre>
 */
final class LongWords {
    private static final VarHandle LITTLE_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private LongWords() {
    }

    /** Writes {@code words[0, count)} as {@code out.writeLongs(words, 0, count)} does. */
    static void write(Output out, long[] words, int count) {
        byte[] buffer = out.getBuffer();
        int at = out.position();
        if ((long) count * Long.BYTES > buffer.length - at) {
            out.writeLongs(words, 0, count);   // Kryo grows (or flushes) its buffer first
            return;
        }
        for (int i = 0; i < count; i++) {
            LITTLE_ENDIAN.set(buffer, at + i * Long.BYTES, words[i]);
        }
        out.setPosition(at + count * Long.BYTES);
    }

    /**
     * Reads {@code count} words as {@code in.readLongs(count)} does. The caller has checked that the input holds
     * them; when it does not, Kryo's own read fails as it would have.
     */
    static long[] read(Input in, int count) {
        byte[] buffer = in.getBuffer();
        int at = in.position();
        if ((long) count * Long.BYTES > in.limit() - at) {
            return in.readLongs(count);
        }
        long[] words = new long[count];
        for (int i = 0; i < count; i++) {
            words[i] = (long) LITTLE_ENDIAN.get(buffer, at + i * Long.BYTES);
        }
        in.setPosition(at + count * Long.BYTES);
        return words;
    }
}
