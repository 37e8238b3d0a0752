package io.netspectra.cli;

import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Runs {@code ns-cli} in-process through {@link NsCli#commandLine} and captures exit code, stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(String... args) {
        return runWithStdin(new byte[0], args);
    }

    /** Runs with {@code stdin} as what an input of {@code -} reads. */
    public static CliRun runWithStdin(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NsCli.commandLine(new ByteArrayInputStream(stdin), new PrintWriter(out, true),
                new PrintWriter(err, true)).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * Returns the folder of the shared real captures: {@code <shared>/testdata/real}, where {@code <shared>} is the
     * system property {@code netspectra.shared} (the pom sets it to {@code ../shared} beside the checkout), or, when
     * that folder is absent (a clone elsewhere), {@code /work/shared}, where this workplace keeps it.
     */
    public static Path realCaptures() {
        return sharedCaptureFolder();
    }

    /**
     * Returns every capture (.pcap, .pcapng, .cap) of {@link #realCaptures()}, sorted by name, and skips the calling
     * test (a JUnit assumption) where the folder is absent.
     */
    public static List<Path> realCaptureFiles() throws IOException {
        Path dir = realCaptures();
        Assumptions.assumeTrue(Files.isDirectory(dir), "real captures not found at " + dir.toAbsolutePath());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches(".*\\.(pcap|pcapng|cap)$")).sorted().toList();
        }
    }

    private static Path sharedCaptureFolder() {
        Path configured = Path.of(System.getProperty("netspectra.shared", "../shared"), "testdata", "real");
        Path workplace = Path.of("/work/shared/testdata/real");
        return !Files.isDirectory(configured) && Files.isDirectory(workplace) ? workplace : configured;
    }
}
