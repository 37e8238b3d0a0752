package io.netspectra.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows a live progress line on stderr while a long read runs, only when stderr is a terminal, so logs and pipes
 * stay clean. One daemon thread per use; {@link #close()} erases the line.
 */
final class Progress implements AutoCloseable {
    private static final long PERIOD_MILLIS = 500;

    private final PrintWriter err;
    private final Thread thread;
    private volatile boolean running = true;

    private Progress(PrintWriter err, LongSupplier packets, LongSupplier bytes) {
        this.err = err;
        long start = System.nanoTime();
        this.thread = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                double s = (System.nanoTime() - start) / 1e9;
                long p = packets.getAsLong();
                err.printf(Locale.ROOT, "\r  %,d packets, %,.1f MB, %.1f s, %,.0f packets/s   ", p,
                        bytes.getAsLong() / 1e6, s, p / Math.max(s, 1e-9));
                err.flush();
            }
        }, "ns-progress");
        thread.setDaemon(true);
    }

    /** Starts a progress line when {@code enabled} and stderr is a terminal; otherwise returns an inert one. */
    static Progress start(boolean enabled, PrintWriter err, LongSupplier packets, LongSupplier bytes) {
        Progress p = new Progress(err, packets, bytes);
        if (enabled && stderrIsTerminal()) {
            p.thread.start();
        } else {
            p.running = false;
        }
        return p;
    }

    /** Returns whether file descriptor 2 is a terminal (Linux: a tty or pts device). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            running = false;
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            err.print("\r" + " ".repeat(79) + "\r");
            err.flush();
        }
    }
}
