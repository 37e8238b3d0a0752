package io.netspectra.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ByteSource}: the window over a stream that readers decode in place. */
class ByteSourceTest {
    /**
     * A stream of random bytes, read back through random {@code ensure} and {@code skip} calls: every window holds
     * the stream's own bytes at {@code offset()}, across refills, compactions and growth for records longer than the
     * window, whatever the channel returns per read.
     */
    @ParameterizedTest(name = "prefix of {0} bytes")
    @ValueSource(ints = {0, 24, 300_000})
    void windowAlwaysHoldsTheStreamBytesAtItsOffset(int prefix) {
        SplittableRandom random = new SplittableRandom(prefix + 7);
        byte[] stream = new byte[1_500_000];
        random.nextBytes(stream);
        ByteSource in = new ByteSource(new ShortReads(stream, prefix, random.split()),
                Arrays.copyOf(stream, prefix), "", -1);
        int checks = 0;
        while (in.offset() < stream.length) {
            long at = in.offset();
            int rest = (int) (stream.length - at);
            if (random.nextInt(50) == 0) {
                long step = random.nextLong(1, 100_000);
                assertEquals(step <= rest, in.skip(step), "skip of " + step + " at " + at);
                assertEquals(Math.min(stream.length, at + step), in.offset());
                continue;
            }
            // Mostly frame-sized records, some longer than the default window.
            int n = random.nextInt(20) == 0 ? random.nextInt(1, 600_000) : random.nextInt(1, 2_000);
            boolean enough = in.ensure(n);
            assertEquals(n <= rest, enough, "ensure(" + n + ") at " + at);
            assertEquals(at, in.offset(), "ensure moves no bytes out of the window");
            ByteBuffer b = in.buffer;
            assertEquals(0, b.position());
            assertEquals(b.capacity(), b.limit());
            int have = Math.min(n, rest);
            assertTrue(in.available() >= have);
            byte[] got = new byte[have];
            b.get(in.position, got);
            assertTrue(Arrays.equals(stream, (int) at, (int) at + have, got, 0, have), "bytes at " + at);
            checks++;
            if (!enough) {
                break;
            }
            in.position += random.nextInt(1, Math.min(have, 2_000) + 1);
        }
        assertNull(in.failure());
        assertTrue(checks > 300, "windows checked: " + checks);
        in.close();
    }

    @Test
    void keepsTheBytesBeforeTheEndAvailableWhenARecordRunsPastIt() {
        byte[] stream = new byte[100_000];
        new SplittableRandom(3).nextBytes(stream);
        ByteSource in = new ByteSource(new ShortReads(stream, 4, new SplittableRandom(4)),
                Arrays.copyOf(stream, 4), "", stream.length);
        assertTrue(in.skip(99_990));
        assertFalse(in.ensure(11));
        assertEquals(10, in.available());
        byte[] tail = new byte[10];
        in.buffer.get(in.position, tail);
        assertTrue(Arrays.equals(stream, 99_990, 100_000, tail, 0, 10));
        in.close();
    }

    @Test
    void namesTheByteWhereAReadFailed() {
        byte[] stream = new byte[300_000];
        ReadableByteChannel failing = new ShortReads(stream, 0, new SplittableRandom(5)) {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                if (position() >= 200_000) {
                    throw new IOException("Unexpected end of ZLIB input stream");
                }
                return super.read(dst);
            }
        };
        ByteSource in = new ByteSource(failing, new byte[0], "+gzip", -1);
        assertTrue(in.skip(150_000));
        assertFalse(in.skip(150_000));
        assertTrue(in.failure().matches("read failed at byte \\d+: Unexpected end of ZLIB input stream"),
                in.failure());
        long at = Long.parseLong(in.failure().replaceAll("read failed at byte (\\d+):.*", "$1"));
        assertTrue(at >= 200_000 && at < 300_000, "failure offset " + at);
        in.close();
    }

    /**
     * Sources opened and closed one after another (a run over a folder of captures) reuse a few windows: a direct
     * buffer's memory would otherwise wait for a collection, which reading alone hardly causes.
     */
    @Test
    void sourcesOpenedOneAfterAnotherReuseTheirWindows() {
        Set<ByteBuffer> windows = Collections.newSetFromMap(new IdentityHashMap<>());
        byte[] stream = new byte[1_000];
        for (int i = 0; i < 1_000; i++) {
            ByteSource in = new ByteSource(new ShortReads(stream, 0, new SplittableRandom(i)), new byte[0], "",
                    i % 2 == 0 ? stream.length : -1);
            assertTrue(in.skip(stream.length));
            windows.add(in.buffer);
            in.close();
        }
        assertTrue(windows.size() <= 5, windows.size() + " windows for 1,000 sources");
    }

    /** A channel over an array that returns a random number of bytes (at least one) per read. */
    private static class ShortReads implements ReadableByteChannel {
        private final byte[] data;
        private final SplittableRandom random;
        private int next;

        ShortReads(byte[] data, int from, SplittableRandom random) {
            this.data = data;
            this.next = from;
            this.random = random;
        }

        int position() {
            return next;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (next == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(dst.remaining(), data.length - next), random.nextInt(1, 100_000));
            dst.put(data, next, n);
            next += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
