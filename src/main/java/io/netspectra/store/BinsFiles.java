package io.netspectra.store;

import io.netspectra.NetSpectraException.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reads the {@code bins.nss} files of stored windows back. Not thread-safe: one instance per thread. */
public final class BinsFiles {
    private final BinsCodec codec = new BinsCodec();

    /** Reads one {@code bins.nss} file, checking every header and body field. */
    public StoredBins read(Path file) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + AtomicFiles.describe(e), e);
        }
        return codec.decode(file.toString(), data);
    }

    /**
     * Reads every {@code bins.nss} under {@code path} (a run, window or task folder, or one file), ordered by window
     * start, then task name.
     */
    public List<StoredBins> readAll(Path path) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(path)) {
            files = s.filter(p -> p.getFileName().toString().equals(BinsCodec.FILE_NAME)).sorted().toList();
        } catch (IOException e) {
            throw new InputException(path + ": cannot list: " + AtomicFiles.describe(e), e);
        }
        List<StoredBins> out = new ArrayList<>();
        for (Path f : files) {
            out.add(read(f));
        }
        out.sort(Comparator.comparingLong(StoredBins::windowStart).thenComparing(b -> b.rows().task().name()));
        return out;
    }
}
