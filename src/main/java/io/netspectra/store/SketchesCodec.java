package io.netspectra.store;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.netspectra.config.KeyField;
import io.netspectra.config.SketchSpec;
import io.netspectra.config.TaskSpec;
import io.netspectra.config.TaskType;

import java.util.ArrayList;
import java.util.List;

/**
 * Serializes {@link StoredSketches} as the Kryo body of a {@code sketches.nss} file (kind
 * {@link SnapshotHeader#KIND_SKETCHES}, format version 2 on).
 *
 * <p>Registration is required; IDs are explicit and never reused: 102 = {@link StoredSketches} (101 is {@link BinsCodec}'s). Body layout, in
 * Kryo's encoding: task name (string), task type label (string), key field count (varint) and ordinals (varint),
 * distinct field count (varint) and ordinals (varint), exact limit, lg_k, k (varints), weight label (string), window
 * start and end (long), key width (varint), entry count (varint), {@code entries*width} key words (longs), then per
 * entry its sketch length (varint) and bytes.
 */
final class SketchesCodec {
    static final int STORED_SKETCHES_ID = 102;
    private static final int MAX_ENTRIES = 1 << 26;

    private final Kryo kryo = new Kryo();

    SketchesCodec() {
        kryo.setRegistrationRequired(true);
        kryo.register(StoredSketches.class, new SketchesSerializer(), STORED_SKETCHES_ID);
    }

    byte[] encode(StoredSketches s) {
        long estimate = 1024L + 8L * s.keys().length;
        for (byte[] b : s.blobs()) {
            estimate += 5 + b.length;
        }
        return SnapshotHeader.encode(kryo, SnapshotHeader.KIND_SKETCHES, s, estimate);
    }

    StoredSketches decode(String name, byte[] file) {
        SnapshotHeader.check(name, file, SnapshotHeader.KIND_SKETCHES, SnapshotHeader.FIRST_SKETCHES_VERSION, "sketches");
        return KryoReads.body(kryo, name, file, StoredSketches.class);
    }

    private static final class SketchesSerializer extends Serializer<StoredSketches> {
        @Override
        public void write(Kryo kryo, Output out, StoredSketches s) {
            TaskSpec t = s.task();
            out.writeString(t.name());
            out.writeString(t.type().label());
            writeFields(out, t.keyFields());
            writeFields(out, t.sketch().distinct());
            out.writeVarInt(t.sketch().exactLimit(), true);
            out.writeVarInt(t.sketch().lgK(), true);
            out.writeVarInt(t.sketch().k(), true);
            out.writeString(t.sketch().weight().label());
            out.writeLong(s.windowStart());
            out.writeLong(s.windowEnd());
            out.writeVarInt(s.width(), true);
            out.writeVarInt(s.size(), true);
            LongWords.write(out, s.keys(), s.keys().length);
            for (byte[] b : s.blobs()) {
                out.writeVarInt(b.length, true);
                out.writeBytes(b);
            }
        }

        @Override
        public StoredSketches read(Kryo kryo, Input in, Class<? extends StoredSketches> type) {
            String name = KryoReads.nonEmptyString(in, "task name");
            String typeLabel = KryoReads.nonEmptyString(in, "task type");
            TaskType taskType = TaskType.byLabel(typeLabel);
            if (taskType == null) {
                throw new IllegalArgumentException("unknown task type '" + typeLabel + "'");
            }
            List<KeyField> fields = readFields(in, 1);
            List<KeyField> distinct = readFields(in, 0);
            int exactLimit = in.readVarInt(true);
            int lgK = in.readVarInt(true);
            int k = in.readVarInt(true);
            String weightLabel = KryoReads.nonEmptyString(in, "weight");
            SketchSpec.Weight weight = null;
            for (SketchSpec.Weight w : SketchSpec.Weight.values()) {
                if (w.label().equals(weightLabel)) {
                    weight = w;
                }
            }
            if (weight == null || lgK < 3 || lgK > 21 || k < 1 || exactLimit < 0) {
                throw new IllegalArgumentException("sketch options lg_k " + lgK + ", k " + k + ", exact_limit "
                        + exactLimit + ", weight '" + weightLabel + "'");
            }
            long start = in.readLong();
            long end = in.readLong();
            int width = in.readVarInt(true);
            int size = in.readVarInt(true);
            if (width < 0 || width > 5 || size < 0 || size > MAX_ENTRIES) {
                throw new IllegalArgumentException("width " + width + ", entries " + size);
            }
            if ((long) size * (width * Long.BYTES + 1) > in.limit() - in.position()) {
                throw new IllegalArgumentException(size + " entries of width " + width + " need more than the "
                        + (in.limit() - in.position()) + " bytes left");
            }
            long[] keys = LongWords.read(in, size * width);
            byte[][] blobs = new byte[size][];
            for (int i = 0; i < size; i++) {
                int length = in.readVarInt(true);
                if (length < 0 || length > in.limit() - in.position()) {
                    throw new IllegalArgumentException("sketch " + i + " of " + length + " bytes, "
                            + (in.limit() - in.position()) + " bytes left");
                }
                blobs[i] = in.readBytes(length);
            }
            TaskSpec task = new TaskSpec(name, fields, taskType,
                    new SketchSpec(distinct, exactLimit, lgK, k, weight));
            return new StoredSketches(task, start, end, width, keys, blobs);
        }

        private static void writeFields(Output out, List<KeyField> fields) {
            out.writeVarInt(fields.size(), true);
            for (KeyField f : fields) {
                out.writeVarInt(f.ordinal(), true);
            }
        }

        private static List<KeyField> readFields(Input in, int min) {
            int count = in.readVarInt(true);
            if (count < min || count > KeyField.values().length) {
                throw new IllegalArgumentException("field count " + count);
            }
            List<KeyField> fields = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int ordinal = in.readVarInt(true);
                if (ordinal < 0 || ordinal >= KeyField.values().length) {
                    throw new IllegalArgumentException("key field " + ordinal);
                }
                fields.add(KeyField.values()[ordinal]);
            }
            return fields;
        }
    }
}
