package io.netspectra.gen;

/**
 * The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit big-endian words.
 * Payloads the generator writes are zeros and add nothing to a sum, so callers sum headers only.
 */
final class InternetChecksum {
    private InternetChecksum() {
    }

    /** Returns {@code sum} plus the 16-bit words of {@code b[off, off + len)}, unfolded; len is even. */
    static int add(int sum, byte[] b, int off, int len) {
        for (int i = off; i < off + len; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        return sum;
    }

    /** Returns the checksum field for the unfolded {@code sum}. */
    static int finish(int sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }
}
