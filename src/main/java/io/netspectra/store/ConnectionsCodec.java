package io.netspectra.store;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.netspectra.config.ConnectionOptions;
import io.netspectra.config.TaskSpec;
import io.netspectra.connections.ConnectionRows;
import io.netspectra.connections.EndReason;

/**
 * Serializes {@link StoredConnections} as the Kryo body of a {@code connections.nss} file (header kind
 * {@link SnapshotHeader#KIND_CONNECTIONS}, format version 2 on).
 *
 * <p>Registration is required; IDs are explicit and never reused: 103 = {@link StoredConnections} (101 is
 * {@link BinsCodec}'s, 102 {@link SketchesCodec}'s). Body: task name (string), the task's tcp, udp and other idle
 * timeouts, active timeout and fin grace (5 longs, ns), window start and end (long), row count (varint), then
 * {@code rows * 12} longs laid out as in {@link ConnectionRows}.
 */
final class ConnectionsCodec {
    static final int STORED_CONNECTIONS_ID = 103;
    private static final int MAX_ROWS = 1 << 26;

    private final Kryo kryo = new Kryo();

    ConnectionsCodec() {
        kryo.setRegistrationRequired(true);
        kryo.register(StoredConnections.class, new Body(), STORED_CONNECTIONS_ID);
    }

    byte[] encode(StoredConnections c) {
        long estimate = 1024L + c.rows().task().name().length() * 4L + 8L * c.rows().size() * ConnectionRows.WORDS;
        return SnapshotHeader.encode(kryo, SnapshotHeader.KIND_CONNECTIONS, c, estimate);
    }

    StoredConnections decode(String name, byte[] file) {
        SnapshotHeader.check(name, file, SnapshotHeader.KIND_CONNECTIONS, SnapshotHeader.FIRST_CONNECTIONS_VERSION, "connections");
        return KryoReads.body(kryo, name, file, StoredConnections.class);
    }

    private static final class Body extends Serializer<StoredConnections> {
        @Override
        public void write(Kryo kryo, Output out, StoredConnections c) {
            ConnectionRows rows = c.rows();
            ConnectionOptions o = rows.task().connections();
            out.writeString(rows.task().name());
            out.writeLong(o.tcpIdle());
            out.writeLong(o.udpIdle());
            out.writeLong(o.otherIdle());
            out.writeLong(o.active());
            out.writeLong(o.finGrace());
            out.writeLong(c.windowStart());
            out.writeLong(c.windowEnd());
            out.writeVarInt(rows.size(), true);
            LongWords.write(out, rows.words(), rows.size() * ConnectionRows.WORDS);
        }

        @Override
        public StoredConnections read(Kryo kryo, Input in, Class<? extends StoredConnections> type) {
            String name = KryoReads.string(in);
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("task name is " + (name == null ? "null" : "empty"));
            }
            ConnectionOptions options = new ConnectionOptions(in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readLong());
            long start = in.readLong();
            long end = in.readLong();
            int size = in.readVarInt(true);
            if (size < 0 || size > MAX_ROWS
                    || (long) size * ConnectionRows.WORDS * Long.BYTES > in.limit() - in.position()) {
                throw new IllegalArgumentException("row count " + size + " does not fit the "
                        + (in.limit() - in.position()) + " bytes left");
            }
            long[] words = LongWords.read(in, size * ConnectionRows.WORDS);
            for (int r = 0; r < size; r++) {
                int reason = (int) (words[r * ConnectionRows.WORDS + ConnectionRows.WORDS - 1] >>> 16 & 0xF);
                if (reason >= EndReason.values().length) {
                    throw new IllegalArgumentException("row " + r + ": end reason " + reason);
                }
            }
            return new StoredConnections(start, end, new ConnectionRows(TaskSpec.connections(name, options), size,
                    words));
        }
    }
}
