package io.netspectra.store;

import io.netspectra.NetSpectraException.OutputException;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full disk: the temporary file of an atomic write is made a link to {@code /dev/full}, so the write fails with
 * the kernel's real ENOSPC, as on a full file system.
 */
class FullDiskTest {
    private static final Path DEV_FULL = Path.of("/dev/full");

    @Test
    void aSnapshotWriteOnAFullDiskFailsWithOneLineNamingTheFileAndLeavesNoFile(@TempDir Path root)
            throws Exception {
        assumeTrue(Files.isWritable(DEV_FULL), "needs /dev/full (Linux)");
        RunWriter writer = RunWriter.create(root, Instant.parse("2026-11-25T12:00:00Z"));
        long start = 1_709_294_400_000_000_000L;
        Path dir = writer.runDir().resolve(RunWriter.windowName(start)).resolve("t");
        Files.createDirectories(dir);
        Files.createSymbolicLink(dir.resolve("." + RunWriter.FLOWS_FILE + ".tmp"), DEV_FULL);
        TaskSpec task = new TaskSpec("t", List.of(KeyField.DST_PORT));
        FlowRows rows = new FlowRows(task, 1, 1, new long[] {443L << 24}, new long[] {1, 60, start, start});

        OutputException e = assertThrows(OutputException.class, () -> writer.writeTaskWindow(start, start + 1, rows));
        assertEquals("cannot write " + dir.resolve(RunWriter.FLOWS_FILE) + ": No space left on device",
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("." + RunWriter.FLOWS_FILE + ".tmp"), java.nio.file.LinkOption.NOFOLLOW_LINKS),
                "the temporary file is removed");
        assertFalse(Files.exists(dir.resolve(RunWriter.FLOWS_FILE)), "no partial snapshot under the real name");
    }
}
