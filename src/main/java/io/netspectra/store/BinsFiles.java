package io.netspectra.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads the {@code bins.nss} files of stored windows back. Not thread-safe: one instance per thread. */
public final class BinsFiles {
    private final BinsCodec codec = new BinsCodec();

    /** Reads one {@code bins.nss} file, checking every header and body field. */
    public StoredBins read(Path file) {
        return codec.decode(file.toString(), SnapshotReader.bytes(file));
    }

    /**
     * Reads every {@code bins.nss} under {@code path} (a run, window or task folder, or one file), ordered by window
     * start, then task name.
     */
    public List<StoredBins> readAll(Path path) {
        List<StoredBins> out = new ArrayList<>(SnapshotReader.readAll(path, BinsCodec.FILE_NAME, this::read));
        out.sort(Comparator.comparingLong(StoredBins::windowStart).thenComparing(b -> b.rows().task().name()));
        return out;
    }
}
