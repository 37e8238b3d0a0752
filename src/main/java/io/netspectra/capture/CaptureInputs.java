package io.netspectra.capture;

import io.netspectra.NetSpectraException.ConfigException;
import io.netspectra.NetSpectraException.InputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resolves command-line arguments into captures: a file stands for itself (whatever it holds: opening it reports a
 * non-capture); a directory for every capture below it (decided by magic number; other files are skipped silently),
 * in path order; a glob pattern (with any of {@link #GLOB_CHARS}) that names no existing file for the files it
 * matches, expanded here for shells that did not (Java glob syntax, {@code **} crossing folders); {@code -} for
 * standard input.
 */
public final class CaptureInputs {
    private static final String GLOB_CHARS = "*?[{";

    private CaptureInputs() {
    }

    /**
     * Returns the captures the arguments name, in argument order (a directory's and a pattern's in path order).
     *
     * @throws ConfigException when {@code -} is given more than once (standard input can be read only once)
     */
    public static List<CaptureInput> resolve(List<String> args, InputStream stdin) {
        List<CaptureInput> out = new ArrayList<>();
        boolean stdinUsed = false;
        for (String arg : args) {
            if (arg.equals(CaptureInput.STDIN)) {
                if (stdinUsed) {
                    throw new ConfigException("'-' (standard input) given more than once; it can be read only once");
                }
                stdinUsed = true;
                out.add(new CaptureInput(CaptureInput.STDIN, null, stdin, null));
            } else {
                resolveOne(arg, out);
            }
        }
        return out;
    }

    private static void resolveOne(String arg, List<CaptureInput> out) {
        Path path = Path.of(arg);
        if (Files.isDirectory(path)) {
            List<Path> found = capturesUnder(path);
            if (found.isEmpty()) {
                out.add(new CaptureInput(arg, null, null, "no capture files in this directory"));
            }
            found.forEach(p -> out.add(CaptureInput.file(p)));
        } else if (!Files.exists(path) && isPattern(arg)) {
            List<Path> matched = expand(arg);
            if (matched.isEmpty()) {
                out.add(new CaptureInput(arg, null, null, "no file matches this pattern"));
            }
            for (Path p : matched) {
                if (Files.isDirectory(p)) {
                    capturesUnder(p).forEach(c -> out.add(CaptureInput.file(c)));
                } else {
                    out.add(CaptureInput.file(p));
                }
            }
        } else {
            out.add(CaptureInput.file(path));
        }
    }

    static boolean isPattern(String arg) {
        return arg.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0);
    }

    /** Returns the paths matching a glob, sorted; the walk starts at the longest folder prefix without glob chars. */
    static List<Path> expand(String pattern) {
        String normalized = pattern.replace('\\', '/');
        int firstGlob = 0;
        while (GLOB_CHARS.indexOf(normalized.charAt(firstGlob)) < 0) {
            firstGlob++;
        }
        int slash = normalized.lastIndexOf('/', firstGlob);
        Path base = slash < 0 ? Path.of("") : Path.of(slash == 0 ? "/" : normalized.substring(0, slash));
        String relative = normalized.substring(slash + 1);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + relative);
        int depth = relative.contains("**") ? Integer.MAX_VALUE : relative.split("/").length;
        Path walkRoot = base.toString().isEmpty() ? Path.of(".") : base;
        if (!Files.isDirectory(walkRoot)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(walkRoot, depth)) {
            return s.filter(p -> !p.equals(walkRoot))
                    .filter(p -> matcher.matches(walkRoot.relativize(p)))
                    .map(p -> base.toString().isEmpty() ? walkRoot.relativize(p) : p)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(pattern + ": cannot expand: " + e.getMessage(), e);
        }
    }

    /** Returns the regular files below {@code dir} that are captures by their magic number, sorted by path. */
    static List<Path> capturesUnder(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().filter(CaptureInputs::isCapture).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** Returns whether the file opens as a capture (any supported format and compression). */
    static boolean isCapture(Path file) {
        try {
            CaptureFiles.open(file).close();
            return true;
        } catch (InputException e) {
            return false;
        }
    }
}
