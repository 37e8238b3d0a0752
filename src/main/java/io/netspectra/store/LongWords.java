package io.netspectra.store;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;

/**
 * Arrays of longs in a snapshot body, in Kryo's own layout ({@link Output#writeLongs}: 8 bytes each, least
 * significant first) but moved in one bulk copy through a little-endian {@link LongBuffer} view of Kryo's buffer.
 * Kryo writes and reads each byte separately, and its loop was the largest single compilation of a run (about 70 ms
 * of C2 time on the 10M capture) besides costing the snapshot writer a tenth of its time. A loop of one view store
 * per word was no better until compiled: a run's first file and every {@code show} ran it in the interpreter (12.5 ms
 * per 230,000 words, against 0.7 ms for the bulk copy, which is one JDK call whatever the compiler has done).
 *
 * <pre>
 *   word i at [at + 8i, at + 8i + 8):  byte 0 = bits 0-7, byte 1 = bits 8-15, ..., byte 7 = bits 56-63
 * </pre>
 */
final class LongWords {
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
        view(buffer, at, count).put(words, 0, count);
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
        view(buffer, at, count).get(words, 0, count);
        in.setPosition(at + count * Long.BYTES);
        return words;
    }

    /** Returns {@code count} words of {@code buffer} from byte {@code at} as a little-endian view. */
    private static LongBuffer view(byte[] buffer, int at, int count) {
        return ByteBuffer.wrap(buffer, at, count * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
    }
}
