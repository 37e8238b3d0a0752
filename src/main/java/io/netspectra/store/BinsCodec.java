package io.netspectra.store;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
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
 * (varint), then {@code rows*width} key words and {@code rows*3} longs (bin start, packets, bytes). Thread-safe only
 * per instance: one instance per thread.
 */
public final class BinsCodec {
    /** The name of each window's bins file, beside {@code flows.nss}. */
    public static final String FILE_NAME = "bins.nss";
    static final int STORED_BINS_ID = 101;
    /** Longs per row after the key: bin start, packets, bytes. */
    private static final int ROW_STATS = 3;
    private static final int MAX_ROWS = 1 << 27;

    private final Kryo kryo = new Kryo();

    public BinsCodec() {
        kryo.setRegistrationRequired(true);
        kryo.register(StoredBins.class, new BinsSerializer(), STORED_BINS_ID);
    }

    /** Returns header and body of a {@code bins.nss} file. */
    public byte[] encode(StoredBins bins) {
        FlowRows rows = bins.rows();
        long estimate = 1024L + rows.task().name().length() * 4L + 8L * rows.size() * (rows.width() + ROW_STATS);
        Output out = new Output((int) Math.min(Integer.MAX_VALUE - 64, estimate), -1);
        kryo.writeObject(out, bins);
        return SnapshotHeader.wrap(SnapshotHeader.KIND_BINS, out.getBuffer(), out.position());
    }

    /** Checks the header and every body field of {@code file} ({@code name} for messages) and returns its bins. */
    public StoredBins decode(String name, byte[] file) {
        SnapshotHeader.check(name, file, SnapshotHeader.KIND_BINS);
        try (Input in = new Input(file, SnapshotHeader.SIZE, file.length - SnapshotHeader.SIZE)) {
            StoredBins b = kryo.readObject(in, StoredBins.class);
            if (in.position() != file.length) {
                throw SnapshotHeader.corrupt(name, "body has " + (file.length - in.position()) + " unread bytes");
            }
            return b;
        } catch (KryoException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw SnapshotHeader.corrupt(name, "body unreadable: " + e.getMessage());
        }
    }

    private static final class BinsSerializer extends Serializer<StoredBins> {
        @Override
        public void write(Kryo kryo, Output out, StoredBins b) {
            FlowRows rows = b.rows();
            out.writeString(rows.task().name());
            out.writeVarInt(rows.task().keyFields().size(), true);
            for (KeyField f : rows.task().keyFields()) {
                out.writeVarInt(f.ordinal(), true);
            }
            out.writeLong(b.windowStart());
            out.writeLong(b.windowEnd());
            out.writeLong(b.binNanos());
            out.writeVarInt(rows.width(), true);
            out.writeVarInt(rows.size(), true);
            out.writeLongs(rows.keys(), 0, rows.size() * rows.width());
            for (int r = 0; r < rows.size(); r++) {
                out.writeLong(rows.first(r));
                out.writeLong(rows.packets(r));
                out.writeLong(rows.bytes(r));
            }
        }

        @Override
        public StoredBins read(Kryo kryo, Input in, Class<? extends StoredBins> type) {
            String name = readString(in);
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
            // Checked before Kryo allocates the arrays: a corrupt count must not ask for gigabytes.
            if (size < 0 || size > MAX_ROWS
                    || (long) size * (width + ROW_STATS) * Long.BYTES > in.limit() - in.position()) {
                throw new IllegalArgumentException("rows " + size + " of width " + width + " do not fit the "
                        + (in.limit() - in.position()) + " bytes left");
            }
            long[] keys = in.readLongs(size * width);
            long[] stats = new long[size * 4];
            for (int r = 0; r < size; r++) {
                long binStart = in.readLong();
                long packets = in.readLong();
                long bytes = in.readLong();
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

        /** {@link Input#readString()}, after checking that the character count Kryo allocates fits the bytes left. */
        private static String readString(Input in) {
            if (in.readVarIntFlag()) {
                int start = in.position();
                int chars = in.readVarIntFlag(true) - 1;
                if (chars > in.limit() - in.position()) {
                    throw new IllegalArgumentException("string of " + chars + " characters, "
                            + (in.limit() - in.position()) + " bytes left");
                }
                in.setPosition(start);
            }
            return in.readString();
        }
    }
}
