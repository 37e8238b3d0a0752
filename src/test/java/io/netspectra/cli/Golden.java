package io.netspectra.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares command output with a golden file under {@code src/test/resources/golden/cli/}. The files regenerate only
 * with {@code -Dgolden.regenerate=true}, never silently.
 */
public final class Golden {
    static final Path DIR = Path.of("src/test/resources/golden/cli");

    private Golden() {
    }

    /** Asserts that {@code actual} equals the golden file {@code name} (writing it first when regenerating). */
    public static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("golden.regenerate")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            assertTrue(Files.exists(file), "golden file " + file + " missing; run with -Dgolden.regenerate=true");
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns {@code text} with {@code dir} replaced by {@code <tmp>} and run ids by {@code run-<id>}. */
    public static String scrub(String text, Path dir) {
        return text.replace(dir.toString(), "<tmp>").replaceAll("run-\\d{8}T\\d{6}Z(-\\d+)?", "run-<id>");
    }
}
