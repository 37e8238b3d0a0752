package io.netspectra.store;

import io.netspectra.NetSpectraException.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/** Reads snapshot files back. Stateless apart from its Kryo instances; one per thread. */
public final class SnapshotReader {
    private final FlowsCodec codec = new FlowsCodec();
    private final SketchesCodec sketchesCodec = new SketchesCodec();
    private final ConnectionsCodec connectionsCodec = new ConnectionsCodec();

    /** Reads one {@code flows.nss} file. */
    public StoredWindow readFlows(Path file) {
        return codec.decode(file.toString(), bytes(file));
    }

    /** Reads every {@code flows.nss} under {@code dir} (a run, window or task folder), in path order. */
    public List<StoredWindow> readAll(Path dir) {
        return readAll(dir, RunWriter.FLOWS_FILE, this::readFlows);
    }

    /** Reads one {@code sketches.nss} file. */
    public StoredSketches readSketches(Path file) {
        return sketchesCodec.decode(file.toString(), bytes(file));
    }

    /** Reads every {@code sketches.nss} under {@code dir} (a run, window or task folder, or one file), in path order. */
    public List<StoredSketches> readAllSketches(Path dir) {
        return readAll(dir, RunWriter.SKETCHES_FILE, this::readSketches);
    }

    /** Reads one {@code connections.nss} file. */
    public StoredConnections readConnections(Path file) {
        return connectionsCodec.decode(file.toString(), bytes(file));
    }

    /** Reads every {@code connections.nss} under {@code dir} (a run, window or task folder, or the file), in path order. */
    public List<StoredConnections> readAllConnections(Path dir) {
        return readAll(dir, RunWriter.CONNECTIONS_FILE, this::readConnections);
    }

    /** Returns a snapshot file's bytes; a failure to read is one line naming the file (exit 3). */
    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + AtomicFiles.describe(e), e);
        }
    }

    /** Reads every file named {@code fileName} under {@code dir} (or {@code dir} itself), in path order. */
    static <T> List<T> readAll(Path dir, String fileName, Function<Path, T> read) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName() != null && p.getFileName().toString().equals(fileName))
                    .sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir + ": cannot list: " + AtomicFiles.describe(e), e);
        }
        List<T> out = new ArrayList<>();
        for (Path f : files) {
            out.add(read.apply(f));
        }
        return out;
    }
}
