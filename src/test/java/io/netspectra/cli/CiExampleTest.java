package io.netspectra.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The steps of {@code scripts/ci-check.sh}, in-process: the committed baseline and rules pass on the committed
 * capture and fail on a changed one. Keeps the worked example honest when the code changes.
 */
class CiExampleTest {
    static final Path CI = Path.of("testdata/ci");

    private static CliRun analyze(Path capture, Path out) throws IOException {
        CliRun r = CliRun.run("analyze", "-q", "--no-snapshots", "--format", "json", "-c",
                CI.resolve("config.yaml").toString(), capture.toString());
        Files.writeString(out, r.out());
        return r;
    }

    @Test
    void committedCapturePassesTheBaselineAndTheRules(@TempDir Path dir) throws IOException {
        Path current = dir.resolve("current.json");
        assertEquals(ExitCodes.OK, analyze(SnapshotFixture.SAMPLE, current).exitCode());
        CliRun diff = CliRun.run("diff", CI.resolve("baseline.json").toString(), current.toString());
        assertEquals(ExitCodes.OK, diff.exitCode(), diff.out() + diff.err());
        CliRun check = CliRun.run("check", SnapshotFixture.SAMPLE.toString(), "-c", CI.resolve("config.yaml")
                .toString(), "--rules", CI.resolve("rules.yaml").toString());
        assertEquals(ExitCodes.OK, check.exitCode(), check.out() + check.err());
    }

    @Test
    void aChangedCaptureFailsTheDiff(@TempDir Path dir) throws IOException {
        Path changed = DiffCommandTest.generated(dir, 3000);
        Path current = dir.resolve("current.json");
        assertEquals(ExitCodes.OK, analyze(changed, current).exitCode());
        CliRun diff = CliRun.run("diff", CI.resolve("baseline.json").toString(), current.toString());
        assertEquals(ExitCodes.CHECK_FAILED, diff.exitCode(), diff.err());
    }
}
