package io.netspectra.store;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.KeyLayout;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Serializes a {@link StoredBins} as the Kryo body of a {@code bins.nss} file (header kind
 * {@link SnapshotHeader#KIND_BINS}).
 *
 * <p>Registration is required and IDs are explicit and never reused: 101 = {@link StoredBins} (format version 1).
 * Body layout, in Kryo's encoding: task name (string), key field count (varint) and each field's ordinal in
 * {@link KeyField} (varint), window start and end (long), bin length in ns (long), key width (varint), row count
 * (varint), then row by row: the key's {@code width} words (long), bin start (long), packets and bytes (positive
 * varlongs). Rows are laid out one after another so a window's file can be built while its bins close
 * ({@link Rows}), without holding the rows twice. Thread-safe only per instance: one instance per thread.
 */
public final class BinsCodec {
    /** The name of each window's bins file, beside {@code flows.nss}. */
    public static final String FILE_NAME = "bins.nss";
    static final int STORED_BINS_ID = 101;
    private static final int MAX_ROWS = 1 << 27;

    private final Kryo kryo = new Kryo();

    public BinsCodec() {
        kryo.setRegistrationRequired(true);
        kryo.register(StoredBins.class, new BinsSerializer(), STORED_BINS_ID);
    }

    /** Returns header and body of a {@code bins.nss} file (the same bytes {@link Rows} builds). */
    public byte[] encode(StoredBins bins) {
        FlowRows rows = bins.rows();
        long estimate = 1024L + 8L * rows.size() * (rows.width() + 3);
        return SnapshotHeader.encode(kryo, SnapshotHeader.KIND_BINS, bins, estimate);
    }

    /**
     * A window's rows in the body encoding, appended as bins close; {@link #finish} puts the fields before them and
     * the header in front. One owner thread.
     */
    public static final class Rows {
        private final int width;
        private final Output out = new Output(4096, -1);
        private int count;

        public Rows(int width) {
            this.width = width;
        }

        /** Returns the number of rows added. */
        public int count() {
            return count;
        }

        /** Appends the row of key {@code key[from, from + width)} in the bin starting at {@code binStart}. */
        public void add(long[] key, int from, long binStart, long packets, long bytes) {
            writeRow(out, key, from, width, binStart, packets, bytes);
            count++;
        }

        /** Returns the whole {@code bins.nss} file: header, the fields, then the rows added. */
        public byte[] finish(TaskSpec task, long windowStart, long windowEnd, long binNanos) {
            Output head = new Output(256, -1);
            writeFields(head, task, windowStart, windowEnd, binNanos, width, count);
            return SnapshotHeader.wrap(SnapshotHeader.KIND_BINS, head.getBuffer(), head.position(), out.getBuffer(),
                    out.position());
        }
    }

    /** Writes the fields before the rows. */
    private static void writeFields(Output out, TaskSpec task, long windowStart, long windowEnd, long binNanos,
                                    int width, int rows) {
        out.writeString(task.name());
        out.writeVarInt(task.keyFields().size(), true);
        for (KeyField f : task.keyFields()) {
            out.writeVarInt(f.ordinal(), true);
        }
        out.writeLong(windowStart);
        out.writeLong(windowEnd);
        out.writeLong(binNanos);
        out.writeVarInt(width, true);
        out.writeVarInt(rows, true);
    }

    /** Writes one row: key words, bin start, packets, bytes. */
    private static void writeRow(Output out, long[] key, int from, int width, long binStart, long packets,
                                 long bytes) {
        for (int i = 0; i < width; i++) {
            out.writeLong(key[from + i]);
        }
        out.writeLong(binStart);
        out.writeVarLong(packets, true);
        out.writeVarLong(bytes, true);
    }

    /** Checks the header and every body field of {@code file} ({@code name} for messages) and returns its bins. */
    public StoredBins decode(String name, byte[] file) {
        SnapshotHeader.check(name, file, SnapshotHeader.KIND_BINS);
        return KryoReads.body(kryo, name, file, StoredBins.class);
    }

    private static final class BinsSerializer extends Serializer<StoredBins> {
        @Override
        public void write(Kryo kryo, Output out, StoredBins b) {
            FlowRows rows = b.rows();
            writeFields(out, rows.task(), b.windowStart(), b.windowEnd(), b.binNanos(), rows.width(), rows.size());
            for (int r = 0; r < rows.size(); r++) {
                writeRow(out, rows.keys(), r * rows.width(), rows.width(), rows.first(r), rows.packets(r),
                        rows.bytes(r));
            }
        }

        @Override
        public StoredBins read(Kryo kryo, Input in, Class<? extends StoredBins> type) {
            String name = KryoReads.string(in);
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("task name is " + (name == null ? "null" : "empty"));
            }
            List<KeyField> fields = readFields(in);
            long start = in.readLong();
            long end = in.readLong();
            long bin = in.readLong();
            if (bin <= 0 || end <= start) {
                throw new IllegalArgumentException("bin length " + bin + " ns, window " + start + " to " + end);
            }
            int width = in.readVarInt(true);
            int expectedWidth = new KeyLayout(fields).width();
            if (width != expectedWidth) {
                throw new IllegalArgumentException("key width: expected " + expectedWidth + ", actual " + width);
            }
            int size = in.readVarInt(true);
            // Checked before allocating: a corrupt count must not ask for gigabytes. A row takes at least
            // width + 1 longs and two one-byte varlongs.
            if (size < 0 || size > MAX_ROWS
                    || (long) size * ((width + 1) * Long.BYTES + 2) > in.limit() - in.position()) {
                throw new IllegalArgumentException("rows " + size + " of width " + width + " do not fit the "
                        + (in.limit() - in.position()) + " bytes left");
            }
            long[] keys = new long[size * width];
            long[] stats = new long[size * 4];
            for (int r = 0; r < size; r++) {
                for (int i = 0; i < width; i++) {
                    keys[r * width + i] = in.readLong();
                }
                long binStart = in.readLong();
                long packets = in.readVarLong(true);
                long bytes = in.readVarLong(true);
                if (Math.floorMod(binStart, bin) != 0 || binStart < Math.floorDiv(start, bin) * bin
                        || binStart >= end) {
                    throw new IllegalArgumentException("row " + r + ": bin start " + binStart
                            + " is not a bin of the window");
                }
                if (packets <= 0 || bytes < 0) {
                    throw new IllegalArgumentException("row " + r + ": packets " + packets + ", bytes " + bytes);
                }
                stats[r * 4] = packets;
                stats[r * 4 + 1] = bytes;
                stats[r * 4 + 2] = binStart;
                stats[r * 4 + 3] = binStart + bin;
            }
            return new StoredBins(start, end, bin, new FlowRows(new TaskSpec(name, fields), width, size, keys, stats));
        }

        private static List<KeyField> readFields(Input in) {
            int count = in.readVarInt(true);
            if (count < 1 || count > KeyField.values().length) {
                throw new IllegalArgumentException("key field count " + count);
            }
            List<KeyField> fields = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int ordinal = in.readVarInt(true);
                if (ordinal < 0 || ordinal >= KeyField.values().length) {
                    throw new IllegalArgumentException("key field " + ordinal);
                }
                KeyField f = KeyField.values()[ordinal];
                if (fields.contains(f)) {
                    throw new IllegalArgumentException("key field " + f.label() + " twice");
                }
                fields.add(f);
            }
            return fields;
        }
    }
}
