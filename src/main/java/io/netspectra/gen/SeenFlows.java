package io.netspectra.gen;

/**
 * Counts the distinct flows and directional five-tuples a run has written, with two bits per flow of the pool
 * (client-to-server, server-to-client). Exact because {@link FlowPool} gives distinct flows distinct five-tuples.
 */
final class SeenFlows {
    private final long[] bits;
    private long flows;
    private long fiveTuples;

    SeenFlows(int poolSize) {
        this.bits = new long[(int) ((2L * poolSize + 63) / 64)];
    }

    /** Records a packet of flow {@code index} in the direction given by {@code fromServer}. */
    void mark(int index, boolean fromServer) {
        long bit = 2L * index + (fromServer ? 1 : 0);
        int word = (int) (bit >>> 6);
        long mask = 1L << bit;
        long before = bits[word];
        if ((before & mask) == 0) {
            bits[word] = before | mask;
            fiveTuples++;
            long pair = 3L << (bit & ~1L);
            if ((before & pair) == 0) {
                flows++;
            }
        }
    }

    long flows() {
        return flows;
    }

    long fiveTuples() {
        return fiveTuples;
    }
}
