package io.netspectra.capture;

import io.netspectra.NetSpectraException.InputException;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One capture to read, as resolved from the command line: a file, standard input, or an argument that named nothing
 * readable (then {@code error} says why and opening it fails with that message).
 *
 * @param name   the name shown in reports and messages: the path as found, or {@code -} for standard input
 * @param path   the file, or null for standard input and for an error
 * @param stdin  the stream to read for {@code -}, or null
 * @param error  why the argument gives no capture (no file matches a pattern...), or null
 */
public record CaptureInput(String name, Path path, InputStream stdin, String error) {
    /** The argument that stands for standard input. */
    public static final String STDIN = "-";

    /** Returns an input for a file. */
    public static CaptureInput file(Path path) {
        return new CaptureInput(path.toString(), path, null, null);
    }

    /**
     * Returns whether this input can be opened only once: standard input, or a path that is not a regular file (a
     * named pipe, or {@code /dev/fd/N} from a shell's process substitution).
     */
    public boolean once() {
        return stdin != null || (path != null && Files.exists(path) && !Files.isRegularFile(path));
    }

    /**
     * Opens the input and returns a reader positioned at the first frame.
     *
     * @throws InputException naming the input when it cannot be opened or is not a capture
     */
    public CaptureReader open() {
        if (error != null) {
            throw new InputException(name + ": " + error);
        }
        return stdin != null ? CaptureFiles.open(stdin, name) : CaptureFiles.open(path);
    }
}
