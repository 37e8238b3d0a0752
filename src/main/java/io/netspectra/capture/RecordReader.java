package io.netspectra.capture;

/**
 * What every capture format reader shares: its byte source, and stopping once at the end or at damage.
 */
abstract class RecordReader implements CaptureReader {
    final ByteSource in;
    private Damage damage;
    private boolean done;

    RecordReader(ByteSource in) {
        this.in = in;
    }

    /** Returns whether reading has stopped (end of input or damage). */
    final boolean stopped() {
        return done;
    }

    /** Stops reading with {@code found} (null at a clean end) and returns false for {@code next} to return. */
    final boolean stop(Damage found) {
        damage = in.damageAtStop(found);
        done = true;
        return false;
    }

    @Override
    public final Damage damage() {
        return damage;
    }

    /** Closes the input; {@link #next} then returns false (the window may already be another reader's). */
    @Override
    public final void close() {
        done = true;
        in.close();
    }
}
