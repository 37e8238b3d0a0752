package io.netspectra.store;

import io.netspectra.NetSpectraException.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads snapshot files back. Stateless apart from its Kryo instance; one per thread. */
public final class SnapshotReader {
    private final FlowsCodec codec = new FlowsCodec();
    private final SketchesCodec sketchesCodec = new SketchesCodec();
    private final ConnectionsCodec connectionsCodec = new ConnectionsCodec();

    /** Reads one {@code flows.nss} file. */
    public StoredWindow readFlows(Path file) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + AtomicFiles.describe(e), e);
        }
        return codec.decode(file.toString(), data);
    }

    /** Reads every {@code flows.nss} under {@code dir} (a run, window or task folder), in path order. */
    public List<StoredWindow> readAll(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().equals(RunWriter.FLOWS_FILE)).sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir + ": cannot list: " + AtomicFiles.describe(e), e);
        }
        List<StoredWindow> out = new ArrayList<>();
        for (Path f : files) {
            out.add(readFlows(f));
        }
        return out;
    }

    /** Reads one {@code sketches.nss} file. */
    public StoredSketches readSketches(Path file) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + AtomicFiles.describe(e), e);
        }
        return sketchesCodec.decode(file.toString(), data);
    }

    /** Reads every {@code sketches.nss} under {@code dir} (a run, window or task folder, or one file), in path order. */
    public List<StoredSketches> readAllSketches(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().equals(RunWriter.SKETCHES_FILE)).sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir + ": cannot list: " + AtomicFiles.describe(e), e);
        }
        List<StoredSketches> out = new ArrayList<>();
        for (Path f : files) {
            out.add(readSketches(f));
        }
        return out;
    }

    /** Reads one {@code connections.nss} file. */
    public StoredConnections readConnections(Path file) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + AtomicFiles.describe(e), e);
        }
        return connectionsCodec.decode(file.toString(), data);
    }

    /** Reads every {@code connections.nss} under {@code dir} (a run, window or task folder, or the file), in path order. */
    public List<StoredConnections> readAllConnections(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().equals(RunWriter.CONNECTIONS_FILE)).sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir + ": cannot list: " + AtomicFiles.describe(e), e);
        }
        List<StoredConnections> out = new ArrayList<>();
        for (Path f : files) {
            out.add(readConnections(f));
        }
        return out;
    }
}
