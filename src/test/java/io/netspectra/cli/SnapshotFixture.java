package io.netspectra.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Makes snapshot runs for command tests by running {@code analyze} in-process. */
final class SnapshotFixture {
    /** The bundled sample capture (5000 packets, 2024-03-01T12:00:00Z, about 50 ms). */
    static final Path SAMPLE = Path.of("testdata/sample.pcap");

    private SnapshotFixture() {
    }

    /** Analyzes {@code captures} with {@code interval} windows into storage root {@code root}; returns the run. */
    static Path analyze(Path root, String interval, Path... captures) {
        String[] args = new String[7 + captures.length];
        args[0] = "analyze";
        args[1] = "-q";
        args[2] = "--format";
        args[3] = "json";
        args[4] = "--snapshot-interval=" + interval;
        args[5] = "-o";
        args[6] = root.toString();
        for (int i = 0; i < captures.length; i++) {
            args[7 + i] = captures[i].toString();
        }
        CliRun run = CliRun.run(args);
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        return onlyRun(root);
    }

    /** Returns the one run folder under {@code root}. */
    static Path onlyRun(Path root) {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
