package io.netspectra.store;

import io.netspectra.NetSpectraException.InputException;
import io.netspectra.report.JsonReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the snapshot files a user means by a path: a run folder, a window folder, a task folder, one
 * {@code flows.nss} file, or a storage root (a folder of {@code run-*} folders: its latest run).
 */
public final class SnapshotFolders {
    private static final Pattern RUN_NAME = Pattern.compile("run-(\\d{8}T\\d{6}Z)(?:-(\\d+))?");

    private SnapshotFolders() {
    }

    /**
     * Returns the folder (or file) to read for {@code path}: the latest run when {@code path} is a storage root,
     * otherwise {@code path} itself.
     *
     * @throws InputException when the path does not exist or holds no snapshot file
     */
    public static Path resolve(Path path) {
        if (!Files.exists(path)) {
            throw new InputException(path + ": no such snapshot folder");
        }
        if (Files.isDirectory(path)) {
            Path latest = latestRun(path);
            if (latest != null) {
                return latest;
            }
        }
        if (!hasFlows(path)) {
            throw new InputException(path + ": no snapshot files (" + RunWriter.FLOWS_FILE + ", "
                    + RunWriter.CONNECTIONS_FILE + " or " + RunWriter.SKETCHES_FILE + ") found");
        }
        return path;
    }

    /** Reads every snapshot file {@code path} stands for (see {@link #resolve}). */
    public static List<StoredWindow> readAll(Path path) {
        return new SnapshotReader().readAll(resolve(path));
    }

    /**
     * Returns the task names in the order the run's {@code manifest.json} configured them, for a run, window or task
     * folder as {@link #resolve} returns it; empty when there is no manifest or it lists no config (merged runs).
     */
    public static List<String> configuredTaskOrder(Path resolved) {
        Path dir = Files.isDirectory(resolved) ? resolved : resolved.getParent();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            Path manifest = dir.resolve(RunWriter.MANIFEST_FILE);
            if (Files.isRegularFile(manifest)) {
                return taskNames(manifest);
            }
        }
        return List.of();
    }

    private static List<String> taskNames(Path manifest) {
        List<String> names = new ArrayList<>();
        try {
            Object doc = JsonReader.parse(manifest.toString(), Files.readString(manifest, StandardCharsets.UTF_8));
            if (doc instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> config
                    && config.get("tasks") instanceof List<?> tasks) {
                for (Object t : tasks) {
                    if (t instanceof Map<?, ?> task && task.get("name") instanceof String name) {
                        names.add(name);
                    }
                }
            }
        } catch (IOException | InputException e) {
            return List.of();
        }
        return names;
    }

    /** Returns the latest {@code run-*} folder directly under {@code root}, or null when there is none. */
    static Path latestRun(Path root) {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> RUN_NAME.matcher(p.getFileName().toString()).matches())
                    .max(Comparator.comparing((Path p) -> runStamp(p)).thenComparingInt(SnapshotFolders::runSuffix))
                    .orElse(null);
        } catch (IOException e) {
            throw new InputException(root + ": cannot list: " + AtomicFiles.describe(e), e);
        }
    }

    private static String runStamp(Path p) {
        Matcher m = RUN_NAME.matcher(p.getFileName().toString());
        return m.matches() ? m.group(1) : "";
    }

    private static int runSuffix(Path p) {
        Matcher m = RUN_NAME.matcher(p.getFileName().toString());
        return m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 1;
    }

    private static boolean hasFlows(Path path) {
        try (Stream<Path> s = Files.walk(path)) {
            return s.anyMatch(p -> p.getFileName().toString().equals(RunWriter.FLOWS_FILE)
                    || p.getFileName().toString().equals(RunWriter.CONNECTIONS_FILE)
                    || p.getFileName().toString().equals(RunWriter.SKETCHES_FILE));
        } catch (IOException e) {
            throw new InputException(path + ": cannot list: " + AtomicFiles.describe(e), e);
        }
    }
}
