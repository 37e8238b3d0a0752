package io.netspectra.capture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Everything a reader returned for one file: copies of the frames, the damage (or null) and the format name. Reading
 * also checks the end-of-input contract: once {@code next} returned false it keeps returning false and the damage
 * stays the same.
 */
record CaptureRead(List<Got> frames, Damage damage, String format) {

    /** One frame copied out of the reader's shared buffer. */
    record Got(int linkType, long timestampNanos, int capturedLength, int wireLength, byte[] data) {
    }

    static CaptureRead of(Path path) {
        try (CaptureReader reader = CaptureFiles.open(path)) {
            return of(reader);
        }
    }

    static CaptureRead of(CaptureReader reader) {
        List<Got> frames = new ArrayList<>();
        Frame f = new Frame();
        while (reader.next(f)) {
            frames.add(new Got(f.linkType, f.timestampNanos, f.capturedLength, f.wireLength,
                    f.bytes()));
        }
        Damage damage = reader.damage();
        assertFalse(reader.next(f), "next() after the end");
        assertSame(damage, reader.damage(), "damage after the end");
        return new CaptureRead(frames, damage, reader.format());
    }

    int count() {
        return frames.size();
    }

    Got frame(int i) {
        return frames.get(i);
    }
}
