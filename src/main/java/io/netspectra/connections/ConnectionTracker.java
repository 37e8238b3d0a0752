package io.netspectra.connections;

import io.netspectra.capture.Frame;
import io.netspectra.config.ConnectionOptions;
import io.netspectra.config.TaskSpec;
import io.netspectra.decode.PacketBatch;
import io.netspectra.pipeline.OrderedConsumer;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Tracks bidirectional connections in read order and hands each window's ended connections to a {@link Sink}.
 *
 * <p>A connection is keyed by the five-tuple in either direction; its originator sent the first packet seen. Time is
 * packet time only: before a packet at time {@code t} is counted, every open connection whose deadline is before
 * {@code t} ends (at its own last packet). A deadline is {@code min(last + idle, first + active)} while open, and
 * {@code t_close + fin_grace} once both sides sent FIN or either sent RST. Deadlines sit in a priority queue, one live
 * entry per connection (stale entries are skipped when popped), so a packet costs O(log n), never a scan. With the
 * capture clock a window cut at {@code end} also ends connections whose deadline is before {@code end} (every packet
 * before {@code end} has been seen), which changes only the window a record is written in, never the record.
 * At the last window every open connection ends with reason {@code end}.
 *
 * <p>After an active timeout the five-tuple keeps its originator: the next packet starts a new record in the same
 * orientation. A TCP SYN without ACK during the grace period starts a new connection (port reuse). Packets without
 * a timestamp take the latest timestamp seen (0 before any).
 *
 * <p>Threads: only the {@code ns-ordered} thread calls it (see {@link OrderedConsumer}).
 */
public final class ConnectionTracker implements OrderedConsumer {
    /** Receives each window's ended connections, in canonical order; called on the ordered thread. */
    public interface Sink {
        void window(long start, long end, ConnectionRows ended, boolean last);
    }

    private static final int TCP = 6;

    private final TaskSpec task;
    private final ConnectionOptions options;
    private final boolean cutsArePacketTime;
    private final Sink sink;
    private final Map<Key, Conn> open = new HashMap<>();
    private final PriorityQueue<Entry> deadlines = new PriorityQueue<>();
    private final ConnectionRows.Builder ended;
    private final Key probe = new Key();
    private final long[] row = new long[ConnectionRows.WORDS];
    private long now = Long.MIN_VALUE;
    private long sequence;
    private int maxOpen;
    private long total;

    /**
     * @param cutsArePacketTime true with the capture clock: window ends are packet times, so connections may also end
     *                          at a cut; false with the wall clock
     */
    public ConnectionTracker(TaskSpec task, boolean cutsArePacketTime, Sink sink) {
        this.task = task;
        this.options = task.connections();
        this.cutsArePacketTime = cutsArePacketTime;
        this.sink = sink;
        this.ended = new ConnectionRows.Builder(task);
    }

    public TaskSpec task() {
        return task;
    }

    /** Returns the number of connections open now. */
    public int openConnections() {
        return open.size();
    }

    /** Returns the most connections open at once so far. */
    public int maxOpenConnections() {
        return maxOpen;
    }

    /** Returns the number of connection records ended so far. */
    public long endedConnections() {
        return total;
    }

    @Override
    public void accept(PacketBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
            packet(batch, i);
        }
    }

    @Override
    public void windowEnd(long start, long end, boolean last) {
        if (last) {
            for (Conn c : open.values()) {
                if (c.packets() > 0) {
                    emit(c, EndReason.END);
                }
            }
            open.clear();
            deadlines.clear();
        } else if (cutsArePacketTime && end > Long.MIN_VALUE + 1) {
            expire(end - 1);
        }
        ConnectionRows rows = ended.build().canonical();
        ended.clear();
        sink.window(start, end, rows, last);
    }

    private void packet(PacketBatch b, int i) {
        long ts = b.timestamp(i);
        if (ts == Frame.NO_TIMESTAMP) {
            ts = now == Long.MIN_VALUE ? 0 : now;
        }
        if (ts > now) {
            now = ts;
            expire(ts - 1);
        }
        int protocol = b.protocol(i);
        boolean v6 = b.ipv6(i);
        long sHi = b.srcHi(i);
        long sLo = b.srcLo(i);
        long dHi = b.dstHi(i);
        long dLo = b.dstLo(i);
        int sp = b.srcPort(i);
        int dp = b.dstPort(i);
        boolean srcFirst = compare(sHi, sLo, sp, dHi, dLo, dp) <= 0;
        if (srcFirst) {
            probe.set(v6, protocol, sHi, sLo, sp, dHi, dLo, dp);
        } else {
            probe.set(v6, protocol, dHi, dLo, dp, sHi, sLo, sp);
        }
        int flags = b.tcpFlags(i);
        Conn c = open.get(probe);
        if (c != null && c.closing != null && protocol == TCP && (flags & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.SYN
                && c.packets() > 0) {
            // A new SYN after FIN/RST: the five-tuple is reused by a new connection.
            emit(c, c.closing);
            remove(c);
            c = null;
        }
        if (c == null) {
            c = new Conn(probe.copy(), v6, protocol, sHi, sLo, sp, dHi, dLo, dp);
            open.put(c.key, c);
            maxOpen = Math.max(maxOpen, open.size());
        }
        boolean fromOrig = c.origLo == sLo && c.origHi == sHi && c.origPort == sp;
        if (c.packets() == 0) {
            c.first = ts;
            c.last = ts;
        } else {
            c.first = Math.min(c.first, ts);
            c.last = Math.max(c.last, ts);
        }
        int wire = b.wireLength(i);
        if (fromOrig) {
            c.origPackets++;
            c.origBytes += wire;
            c.origFlags |= flags;
        } else {
            c.respPackets++;
            c.respBytes += wire;
            c.respFlags |= flags;
        }
        if (c.icmpTypeCode < 0) {
            c.icmpTypeCode = b.icmpTypeCode(i);
        }
        if (protocol == TCP && c.closing == null) {
            if ((flags & TcpFlags.RST) != 0) {
                c.close(EndReason.RST, ts + options.finGrace());
            } else if ((c.origFlags & TcpFlags.FIN) != 0 && (c.respFlags & TcpFlags.FIN) != 0) {
                c.close(EndReason.FIN, ts + options.finGrace());
            }
        }
        schedule(c);
    }

    /** Ends every connection whose deadline is before or at {@code limit}, i.e. before {@code limit + 1}. */
    private void expire(long limit) {
        Entry e;
        while ((e = deadlines.peek()) != null && e.deadline <= limit) {
            deadlines.poll();
            Conn c = e.conn;
            if (c.removed || e.deadline != c.queued) {
                continue;
            }
            long d = deadline(c);
            if (d <= limit) {
                if (c.packets() > 0) {
                    EndReason reason = reason(c);
                    emit(c, reason);
                    if (reason == EndReason.ACTIVE) {
                        c.restart(options.idleFor(c.protocol));
                        push(c, c.emptyUntil);
                        continue;
                    }
                }
                remove(c);
            } else {
                push(c, d);
            }
        }
    }

    private long deadline(Conn c) {
        if (c.packets() == 0) {
            return c.emptyUntil;
        }
        if (c.closing != null) {
            return c.closeDeadline;
        }
        long idle = saturatedAdd(c.last, options.idleFor(c.protocol));
        return options.active() > 0 ? Math.min(idle, saturatedAdd(c.first, options.active())) : idle;
    }

    private EndReason reason(Conn c) {
        if (c.closing != null) {
            return c.closing;
        }
        long idle = saturatedAdd(c.last, options.idleFor(c.protocol));
        return options.active() > 0 && saturatedAdd(c.first, options.active()) < idle ? EndReason.ACTIVE
                : EndReason.IDLE;
    }

    private void schedule(Conn c) {
        long d = deadline(c);
        if (d < c.queued) {
            push(c, d);
        }
    }

    private void push(Conn c, long deadline) {
        c.queued = deadline;
        deadlines.add(new Entry(deadline, sequence++, c));
    }

    private void remove(Conn c) {
        c.removed = true;
        open.remove(c.key);
    }

    private void emit(Conn c, EndReason reason) {
        row[ConnectionRows.ORIG_HI] = c.origHi;
        row[ConnectionRows.ORIG_LO] = c.origLo;
        row[ConnectionRows.RESP_HI] = c.respHi;
        row[ConnectionRows.RESP_LO] = c.respLo;
        row[ConnectionRows.KEY] = (c.protocol & 0xFFL) | (long) c.origPort << 8 | (long) c.respPort << 24
                | (c.ipv6 ? 1L << 40 : 0);
        row[ConnectionRows.FIRST] = c.first;
        row[ConnectionRows.LAST] = c.last;
        row[ConnectionRows.ORIG_PACKETS] = c.origPackets;
        row[ConnectionRows.ORIG_BYTES] = c.origBytes;
        row[ConnectionRows.RESP_PACKETS] = c.respPackets;
        row[ConnectionRows.RESP_BYTES] = c.respBytes;
        row[ConnectionRows.INFO] = c.origFlags | (long) c.respFlags << 8 | (long) reason.ordinal()
                << ConnectionRows.REASON_SHIFT | (c.icmpTypeCode < 0 ? 0
                : ConnectionRows.ICMP_PRESENT | (long) c.icmpTypeCode << ConnectionRows.ICMP_SHIFT);
        ended.add(row, 0);
        total++;
    }

    private static int compare(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        int c = Long.compareUnsigned(aHi, bHi);
        if (c == 0) {
            c = Long.compareUnsigned(aLo, bLo);
        }
        return c != 0 ? c : Integer.compare(aPort, bPort);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** The canonical five-tuple: endpoint A is the smaller (address, port). Mutable only as the lookup probe. */
    private static final class Key {
        boolean ipv6;
        int protocol;
        long aHi;
        long aLo;
        int aPort;
        long bHi;
        long bLo;
        int bPort;

        void set(boolean v6, int proto, long ahi, long alo, int ap, long bhi, long blo, int bp) {
            ipv6 = v6;
            protocol = proto;
            aHi = ahi;
            aLo = alo;
            aPort = ap;
            bHi = bhi;
            bLo = blo;
            bPort = bp;
        }

        Key copy() {
            Key k = new Key();
            k.set(ipv6, protocol, aHi, aLo, aPort, bHi, bLo, bPort);
            return k;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.aLo == aLo && k.bLo == bLo && k.aPort == aPort && k.bPort == bPort
                    && k.protocol == protocol && k.aHi == aHi && k.bHi == bHi && k.ipv6 == ipv6;
        }

        @Override
        public int hashCode() {
            long h = aLo * 0x9E3779B97F4A7C15L + bLo;
            h = h * 0x9E3779B97F4A7C15L + (aHi ^ bHi * 31);
            h = h * 0x9E3779B97F4A7C15L + ((long) aPort << 24 | (long) bPort << 8 | protocol) + (ipv6 ? 1 : 0);
            return (int) (h ^ h >>> 32);
        }
    }

    /** One open connection. */
    private static final class Conn {
        final Key key;
        final boolean ipv6;
        final int protocol;
        final long origHi;
        final long origLo;
        final int origPort;
        final long respHi;
        final long respLo;
        final int respPort;
        long first;
        long last;
        long origPackets;
        long origBytes;
        long respPackets;
        long respBytes;
        int origFlags;
        int respFlags;
        int icmpTypeCode = -1;
        EndReason closing;
        long closeDeadline;
        /** After an active timeout, with no packet yet: when the empty continuation is dropped. */
        long emptyUntil;
        long queued = Long.MAX_VALUE;
        boolean removed;

        Conn(Key key, boolean ipv6, int protocol, long origHi, long origLo, int origPort, long respHi, long respLo,
             int respPort) {
            this.key = key;
            this.ipv6 = ipv6;
            this.protocol = protocol;
            this.origHi = origHi;
            this.origLo = origLo;
            this.origPort = origPort;
            this.respHi = respHi;
            this.respLo = respLo;
            this.respPort = respPort;
        }

        long packets() {
            return origPackets + respPackets;
        }

        void close(EndReason reason, long deadline) {
            closing = reason;
            closeDeadline = deadline;
        }

        /** Starts the next record of this five-tuple after an active timeout: same originator, no packets yet. */
        void restart(long idle) {
            emptyUntil = saturatedAdd(last, idle);
            origPackets = 0;
            origBytes = 0;
            respPackets = 0;
            respBytes = 0;
            origFlags = 0;
            respFlags = 0;
            icmpTypeCode = -1;
        }
    }

    /** A deadline in the queue; ordered by deadline, then by insertion, so expiry order is deterministic. */
    private record Entry(long deadline, long seq, Conn conn) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
