package io.netspectra.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns SIGINT and SIGTERM during a command into a stop request instead of an exit, so the command can finish the
 * current window, write what it read and return 130 or 143 itself ({@link Main} stays the only caller of
 * {@code System.exit}).
 *
 * <p>Guarantees: while open, the first INT or TERM runs {@code onStop} (on the JVM's signal thread) and is
 * remembered; {@link #exitCode()} then returns 128 + its number. A second signal gets the JVM's default handling
 * (the process ends), as it would without this class. {@link #close()} restores the handlers installed before.
 * Where the JVM does not offer {@code sun.misc.Signal} (or the signal is reserved), the default handling stays and
 * nothing is remembered.
 */
final class StopSignals implements AutoCloseable {
    private static final String[] NAMES = {"INT", "TERM"};
    private static final int[] NUMBERS = {2, 15};

    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile int received;
    private volatile Runnable onStop = () -> { };

    private StopSignals() {
    }

    /** Installs the handlers; {@link #onStop(Runnable)} says what a signal does. */
    static StopSignals install() {
        StopSignals s = new StopSignals();
        for (int i = 0; i < NAMES.length; i++) {
            int number = NUMBERS[i];
            try {
                Signal signal = new Signal(NAMES[i]);
                SignalHandler before = Signal.handle(signal, sig -> s.signalled(sig, number));
                s.installed.add(signal);
                s.previous.add(before);
            } catch (IllegalArgumentException | LinkageError e) {
                // The JVM reserves this signal here (or has no sun.misc.Signal): keep its default handling.
            }
        }
        return s;
    }

    /** Sets what the first signal does (for example, ask the running pipeline to stop). */
    void onStop(Runnable action) {
        onStop = action;
        if (received != 0) {
            action.run();
        }
    }

    /** Returns whether INT or TERM arrived. */
    boolean received() {
        return received != 0;
    }

    /** Returns 128 + the number of the signal that arrived (130 for INT, 143 for TERM), or 0. */
    int exitCode() {
        return received == 0 ? 0 : 128 + received;
    }

    private void signalled(Signal signal, int number) {
        if (received != 0) {
            // Second signal: the user insists. Give it back to the JVM's own handling, which ends the process.
            close();
            Signal.raise(signal);
            return;
        }
        received = number;
        onStop.run();
    }

    @Override
    public void close() {
        for (int i = 0; i < installed.size(); i++) {
            Signal.handle(installed.get(i), previous.get(i));
        }
    }
}
