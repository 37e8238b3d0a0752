package io.netspectra;

/**
 * The root of NetSpectra's one unchecked exception family. Each subclass maps to one exit code in the command layer;
 * library exceptions are translated into these at the boundary where they occur. The message is a complete one-line
 * explanation naming the file (or option) and what is wrong.
 */
public class NetSpectraException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception whose message is shown to the user as it is. */
    public NetSpectraException(String message) {
        super(message);
    }

    /** Creates an exception whose message is shown to the user, keeping the library cause for debugging. */
    public NetSpectraException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Throws, on the calling thread, {@code failure} that ended another thread: an unchecked exception or an error as
     * it is (so its exit code and message stay those of its type), anything else wrapped with {@code what} failed as
     * the message. Does nothing for null.
     */
    public static void rethrow(String what, Throwable failure) {
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new NetSpectraException(what + " failed: " + failure, failure);
        }
    }

    /** A configuration file or option is invalid (exit 2). */
    public static final class ConfigException extends NetSpectraException {
        private static final long serialVersionUID = 1L;

        public ConfigException(String message) {
            super(message);
        }
    }

    /** An input is missing, unreadable, not a capture, or damaged (exit 3). */
    public static final class InputException extends NetSpectraException {
        private static final long serialVersionUID = 1L;

        public InputException(String message) {
            super(message);
        }

        public InputException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An output could not be written (exit 5). */
    public static final class OutputException extends NetSpectraException {
        private static final long serialVersionUID = 1L;

        public OutputException(String message, Throwable cause) {
            super(message, cause);
        }

        public OutputException(String message) {
            super(message);
        }
    }

    /** A snapshot file is not one of ours, of an unknown version, truncated or corrupt (exit 3). */
    public static final class CorruptSnapshotException extends NetSpectraException {
        private static final long serialVersionUID = 1L;

        public CorruptSnapshotException(String message) {
            super(message);
        }
    }
}
