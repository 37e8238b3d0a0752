package io.netspectra.pipeline;

import io.netspectra.decode.PacketBatch;

/**
 * A consumer that must see every IP record in read order (merged capture order), for state whose result depends on
 * packet order: connection tracking, time bins, order-sensitive sketches. Keyed aggregations whose sums do not depend
 * on order use the striped worker path instead.
 *
 * <p>Threads: every method is called from the one {@code ns-ordered} thread, in order, so an implementation needs no
 * locking of its own. Batches arrive in the order the reader filled them; each window's batches arrive before its
 * {@link #windowEnd} and after the previous one's.
 */
public interface OrderedConsumer {
    /**
     * Takes records {@code [0, batch.size())} in read order. The batch is valid only during the call: it goes back to
     * the reader's free pool afterwards.
     */
    void accept(PacketBatch batch);

    /**
     * The window {@code [start, end)} ends here: the same cuts as the keyed tasks get (with the capture clock,
     * exactly; with the wall clock, between the same batches only approximately). {@code last} marks the end of the
     * input; no call follows it.
     */
    void windowEnd(long start, long end, boolean last);
}
