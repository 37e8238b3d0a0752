package io.netspectra.sketch;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

import java.nio.ByteBuffer;

/**
 * Counts distinct 64-bit value hashes: exactly (a set) while there are at most {@code exactLimit} of them, then with
 * a HyperLogLog sketch of {@code 2^lgK} 4-bit registers fed every value seen.
 *
 * <p>Guarantees: the state, and so {@link #estimate()}, depends only on the set of values added or merged in, not on
 * their order: the set is a set, HyperLogLog registers are maxima, and the estimate is read through a
 * {@link Union} (the composite estimator, which ignores insertion history).
 */
final class DistinctCounter {
    /** Standard deviations of the reported bounds: about 95.4 % confidence. */
    static final int BOUND_STD_DEVS = 2;
    private static final byte MODE_EXACT = 0;
    private static final byte MODE_HLL = 1;

    private final int exactLimit;
    private final int lgK;
    private LongSet exact = new LongSet();
    private HllSketch hll;

    DistinctCounter(int exactLimit, int lgK) {
        this.exactLimit = exactLimit;
        this.lgK = lgK;
    }

    /** Adds one value's 64-bit hash. */
    void add(long hash) {
        if (hll != null) {
            hll.update(hash);
        } else if (exact.add(hash) && exact.size() > exactLimit) {
            toHll();
        }
    }

    /** Adds every value of {@code other}. */
    void merge(DistinctCounter other) {
        if (other.hll == null) {
            for (long v : other.exact.sorted()) {
                add(v);
            }
            return;
        }
        if (hll == null) {
            toHll();
        }
        Union u = new Union(Math.max(lgK, other.lgK));
        u.update(hll);
        u.update(other.hll);
        hll = u.getResult(TgtHllType.HLL_4);
    }

    /** Returns the count: exact while in the set, else the HyperLogLog composite estimate with 2-sigma bounds. */
    Estimate estimate() {
        if (hll == null) {
            return Estimate.exact(exact.size());
        }
        // A union that has seen the sketch twice marks its result out of order: estimate and bounds then come from
        // the composite estimator, a function of the registers alone (the HIP estimator depends on insertion order).
        Union u = new Union(hll.getLgConfigK());
        u.update(hll);
        u.update(hll);
        HllSketch r = u.getResult(TgtHllType.HLL_4);
        return new Estimate(Math.round(r.getEstimate()), (long) Math.floor(r.getLowerBound(BOUND_STD_DEVS)),
                (long) Math.ceil(r.getUpperBound(BOUND_STD_DEVS)), false);
    }

    /** Returns whether the count switched to HyperLogLog. */
    boolean sketched() {
        return hll != null;
    }

    /**
     * Returns the size of its stored form ({@link #toBytes()}): 8 bytes per exact value, or the HyperLogLog compact
     * image (at most about {@code 2^lgK / 2} bytes). Depends only on the values seen, not on their order.
     */
    long bytes() {
        return hll == null ? 5L + 8L * exact.size() : 1L + hll.getCompactSerializationBytes();
    }

    /** Returns the bytes its live state takes on the heap, roughly: the set's table, or the updatable sketch. */
    long heapBytes() {
        return hll == null ? exact.bytes() : hll.getUpdatableSerializationBytes();
    }

    /**
     * Returns the stored form: mode byte 0 + count (int) + the hashes ascending (longs), or mode byte 1 + the
     * DataSketches compact HLL image.
     */
    byte[] toBytes() {
        if (hll == null) {
            long[] values = exact.sorted();
            ByteBuffer b = ByteBuffer.allocate(1 + 4 + 8 * values.length);
            b.put(MODE_EXACT).putInt(values.length);
            for (long v : values) {
                b.putLong(v);
            }
            return b.array();
        }
        byte[] image = hll.toCompactByteArray();
        byte[] out = new byte[1 + image.length];
        out[0] = MODE_HLL;
        System.arraycopy(image, 0, out, 1, image.length);
        return out;
    }

    /**
     * Reads {@link #toBytes()} output.
     *
     * @throws IllegalArgumentException naming what is wrong when the bytes are not a stored counter
     */
    static DistinctCounter fromBytes(byte[] bytes, int exactLimit, int lgK) {
        if (bytes.length < 1) {
            throw new IllegalArgumentException("empty distinct counter");
        }
        DistinctCounter c = new DistinctCounter(exactLimit, lgK);
        if (bytes[0] == MODE_EXACT) {
            ByteBuffer b = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            if (b.remaining() < 4) {
                throw new IllegalArgumentException("exact counter without a count");
            }
            int n = b.getInt();
            if (n < 0 || (long) n * 8 != b.remaining()) {
                throw new IllegalArgumentException("exact counter of " + n + " values in " + (bytes.length - 5)
                        + " bytes");
            }
            for (int i = 0; i < n; i++) {
                c.exact.add(b.getLong());
            }
            return c;
        }
        if (bytes[0] != MODE_HLL) {
            throw new IllegalArgumentException("distinct counter mode " + bytes[0] + ", expected 0 or 1");
        }
        byte[] image = new byte[bytes.length - 1];
        System.arraycopy(bytes, 1, image, 0, image.length);
        checkHllSizes(image);
        try {
            c.hll = HllSketch.heapify(image);
        } catch (RuntimeException | AssertionError e) {
            // DataSketches reports damage with several exception types (its own, the memory package's, the JDK's).
            throw new IllegalArgumentException("HyperLogLog image unreadable: " + e);
        }
        c.exact = null;
        return c;
    }

    /**
     * Checks the size fields of a DataSketches HLL image that {@code heapify} trusts for allocation (it would try to
     * allocate whatever a damaged field says): lg_k (byte 3) in 4..21, the array size lgArr (byte 4) at most lg_k,
     * and in HLL mode (10 preamble ints) the exception count (int at 36, little-endian) at most 2^lg_k.
     */
    private static void checkHllSizes(byte[] image) {
        if (image.length < 8) {
            throw new IllegalArgumentException("HyperLogLog image of " + image.length + " bytes");
        }
        int lgK = image[3];
        int lgArr = image[4];
        if (lgK < 4 || lgK > 21 || lgArr < 0 || lgArr > lgK) {
            throw new IllegalArgumentException("HyperLogLog image with lg_k " + lgK + ", lgArr " + lgArr);
        }
        if (image[0] == 10) {
            if (image.length < 40) {
                throw new IllegalArgumentException("HyperLogLog image of " + image.length + " bytes");
            }
            int aux = ByteBuffer.wrap(image, 36, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
            if (aux < 0 || aux > 1 << lgK) {
                throw new IllegalArgumentException("HyperLogLog image with " + aux + " exceptions for lg_k " + lgK);
            }
        }
    }

    private void toHll() {
        hll = new HllSketch(lgK, TgtHllType.HLL_4);
        for (long v : exact.sorted()) {
            hll.update(v);
        }
        exact = null;
    }
}
