package io.netspectra.store;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/**
 * Guarded reads shared by the snapshot codecs: a count in the body is checked against the bytes left before Kryo
 * allocates anything for it, so a corrupt file cannot ask for gigabytes. Failures are
 * {@link IllegalArgumentException}s, which each codec turns into its one-line corrupt-snapshot error.
 */
final class KryoReads {
    private KryoReads() {
    }

    /**
     * Reads the Kryo body of {@code file} (whose header the caller has checked) as one {@code type}: a body Kryo or a
     * serializer's checks cannot read, or one with bytes left over, is a one-line corrupt-snapshot error naming
     * {@code name}.
     */
    static <T> T body(Kryo kryo, String name, byte[] file, Class<T> type) {
        try (Input in = new Input(file, SnapshotHeader.SIZE, file.length - SnapshotHeader.SIZE)) {
            T value = kryo.readObject(in, type);
            if (in.position() != file.length) {
                throw SnapshotHeader.corrupt(name, "body has " + (file.length - in.position()) + " unread bytes");
            }
            return value;
        } catch (KryoException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw SnapshotHeader.corrupt(name, "body unreadable: " + e.getMessage());
        }
    }

    /** {@link Input#readString()}, after checking that the character count Kryo allocates fits the bytes left. */
    static String string(Input in) {
        return string(in, "string");
    }

    /**
     * As {@link #string(Input)}, naming the field as {@code what} in errors. A UTF-8 string's character count
     * comes first and each character takes at least one byte, so a count above the bytes left is corrupt.
     */
    static String string(Input in, String what) {
        if (in.limit() - in.position() < 1) {
            throw new IllegalArgumentException(what + " missing: no bytes left");
        }
        if (in.readVarIntFlag()) {
            int start = in.position();
            int chars = in.readVarIntFlag(true) - 1;
            if (chars > in.limit() - in.position()) {
                throw new IllegalArgumentException(what + " of " + chars + " characters, "
                        + (in.limit() - in.position()) + " bytes left");
            }
            in.setPosition(start);
        }
        return in.readString();
    }

    /** As {@link #string(Input, String)}, and the string must be neither null nor empty. */
    static String nonEmptyString(Input in, String what) {
        String s = string(in, what);
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException(what + " is " + (s == null ? "null" : "empty"));
        }
        return s;
    }
}
