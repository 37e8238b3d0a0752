package io.netspectra.store;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;

import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Serializes a {@link StoredWindow} as the Kryo body of a {@code flows.nss} file.
 *
 * <p>Registration is required and IDs are explicit and never reused: 100 = {@link StoredWindow} (format version 1).
 * Body layout of version 1, in Kryo's encoding: task name (string), key field count (varint) and each field's
 * ordinal in {@link KeyField} (varint), window start and end (long), key width (varint), row count (varint), then
 * {@code rows*width} key words and {@code rows*4} statistic words (longs: packets, bytes, first, last).
 */
final class FlowsCodec {
    static final int STORED_WINDOW_ID = 100;
    private static final int MAX_ROWS = 1 << 28;

    /** The largest buffer {@link #write} keeps between calls. */
    private static final int KEPT_BUFFER_BYTES = 64 << 20;

    private final Kryo kryo = new Kryo();
    /** The buffer of the last {@link #write}, softly held so that it never costs a full heap. */
    private SoftReference<Output> kept = new SoftReference<>(null);

    FlowsCodec() {
        kryo.setRegistrationRequired(true);
        kryo.register(StoredWindow.class, new WindowSerializer(), STORED_WINDOW_ID);
    }

    byte[] encode(StoredWindow window) {
        return SnapshotHeader.encode(kryo, SnapshotHeader.KIND_FLOWS, window, bodyEstimate(window));
    }

    /**
     * Writes the window as a {@code flows.nss} file at {@code target}, atomically, serialized behind the header in a
     * buffer kept for the next call (the snapshot writer's one thread; the buffer is dropped past
     * {@link #KEPT_BUFFER_BYTES}): no per-window allocation and no copy of the body.
     */
    void write(Path target, StoredWindow window) {
        Output out = SnapshotHeader.serialize(kryo, SnapshotHeader.KIND_FLOWS, window, bodyEstimate(window),
                kept.get());
        AtomicFiles.write(target, out.getBuffer(), out.position());
        kept = new SoftReference<>(out.getBuffer().length <= KEPT_BUFFER_BYTES ? out : null);
    }

    /** Drops the buffer kept by {@link #write}. */
    void releaseBuffer() {
        kept = new SoftReference<>(null);
    }

    private static long bodyEstimate(StoredWindow window) {
        FlowRows rows = window.rows();
        return 1024L + rows.task().name().length() * 4L + 8L * rows.size() * (rows.width() + 4);
    }

    StoredWindow decode(String name, byte[] file) {
        SnapshotHeader.check(name, file, SnapshotHeader.KIND_FLOWS);
        return KryoReads.body(kryo, name, file, StoredWindow.class);
    }

    private static final class WindowSerializer extends Serializer<StoredWindow> {
        @Override
        public void write(Kryo kryo, Output out, StoredWindow w) {
            FlowRows rows = w.rows();
            out.writeString(rows.task().name());
            out.writeVarInt(rows.task().keyFields().size(), true);
            for (KeyField f : rows.task().keyFields()) {
                out.writeVarInt(f.ordinal(), true);
            }
            out.writeLong(w.windowStart());
            out.writeLong(w.windowEnd());
            out.writeVarInt(rows.width(), true);
            out.writeVarInt(rows.size(), true);
            LongWords.write(out, rows.keys(), rows.size() * rows.width());
            LongWords.write(out, rows.stats(), rows.size() * 4);
        }

        @Override
        public StoredWindow read(Kryo kryo, Input in, Class<? extends StoredWindow> type) {
            String name = KryoReads.string(in);
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("task name is " + (name == null ? "null" : "empty"));
            }
            int fieldCount = in.readVarInt(true);
            if (fieldCount < 1 || fieldCount > KeyField.values().length) {
                throw new IllegalArgumentException("key field count " + fieldCount);
            }
            List<KeyField> fields = new ArrayList<>();
            for (int i = 0; i < fieldCount; i++) {
                int ordinal = in.readVarInt(true);
                if (ordinal < 0 || ordinal >= KeyField.values().length) {
                    throw new IllegalArgumentException("key field " + ordinal);
                }
                fields.add(KeyField.values()[ordinal]);
            }
            long start = in.readLong();
            long end = in.readLong();
            int width = in.readVarInt(true);
            int size = in.readVarInt(true);
            if (width < 1 || width > 5 || size < 0 || size > MAX_ROWS) {
                throw new IllegalArgumentException("width " + width + ", rows " + size);
            }
            // Checked before Kryo allocates the arrays: a corrupt count must not ask for gigabytes.
            if ((long) size * (width + 4) * Long.BYTES > in.limit() - in.position()) {
                throw new IllegalArgumentException("rows " + size + " of width " + width + " need more than the "
                        + (in.limit() - in.position()) + " bytes left");
            }
            long[] keys = LongWords.read(in, size * width);
            long[] stats = LongWords.read(in, size * 4);
            TaskSpec task = new TaskSpec(name, fields);
            return new StoredWindow(start, end, new FlowRows(task, width, size, keys, stats));
        }
    }
}
