package io.netspectra.store;

import io.netspectra.NetSpectraException.OutputException;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.config.KeyField;
import io.netspectra.connections.ConnectionRows;
import io.netspectra.report.JsonWriter;
import io.netspectra.report.TimeText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes one run's snapshots: {@code <root>/<run-id>/<window-start>/<task>/flows.nss} and {@code summary.json}, and
 * at the end {@code <root>/<run-id>/manifest.json}. Used by the snapshot writer thread only, except
 * {@link #create}, which runs on the main thread before any input is read so an unwritable folder fails early.
 */
public final class RunWriter {
    /** The name of each window's flow file. */
    public static final String FLOWS_FILE = "flows.nss";
    /** The name of each window's sketch file, beside or instead of {@link #FLOWS_FILE}. */
    public static final String SKETCHES_FILE = "sketches.nss";
    public static final String SUMMARY_FILE = "summary.json";
    /** The name of each window's connections file (connections tasks). */
    public static final String CONNECTIONS_FILE = "connections.nss";
    public static final String MANIFEST_FILE = "manifest.json";
    private static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path runDir;
    /**
     * Made on first use, not with the run folder: setting up Kryo takes milliseconds, which {@link #create} would
     * spend on the main thread before the first packet is read (see {@link #prepare}).
     */
    private FlowsCodec codec;
    /** Made on first use (runs with sketch tasks only). */
    private SketchesCodec sketchesCodec;
    private int windowsWritten;

    private RunWriter(Path runDir) {
        this.runDir = runDir;
    }

    /**
     * Creates a new run folder under {@code root} named by {@code now} in UTC (with a suffix when taken), after
     * checking that files can be written there.
     *
     * @throws OutputException naming the folder when it cannot be created or written
     */
    public static RunWriter create(Path root, Instant now) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new OutputException("cannot create snapshot folder " + root + ": " + AtomicFiles.describe(e), e);
        }
        if (!Files.isDirectory(root) || !Files.isWritable(root)) {
            throw new OutputException("cannot write to snapshot folder " + root + ": not a writable directory");
        }
        String base = "run-" + RUN_ID.format(now);
        for (int i = 1; ; i++) {
            Path dir = root.resolve(i == 1 ? base : base + "-" + i);
            try {
                Files.createDirectory(dir);
                // The folder is new and ours, so a fixed name cannot collide (Files.createTempFile would seed a
                // SecureRandom for its name: milliseconds of every run's start).
                Path probe = Files.createFile(dir.resolve(".probe.tmp"));
                Files.delete(probe);
                return new RunWriter(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Another run started in the same second: take the next suffix.
            } catch (IOException e) {
                throw new OutputException("cannot write to snapshot folder " + root + ": " + AtomicFiles.describe(e),
                        e);
            }
        }
    }

    public Path runDir() {
        return runDir;
    }

    /**
     * Sets up the flow codec now (the snapshot writer thread calls it when it starts, so Kryo is ready by the first
     * window and set up beside the reading rather than before it). Writer thread only, as {@link #writeTaskWindow}.
     */
    public void prepare() {
        if (codec == null) {
            codec = new FlowsCodec();
        }
    }

    public int windowsWritten() {
        return windowsWritten;
    }

    /** Writes one task's flows for the window starting at {@code start}. */
    public void writeTaskWindow(long start, long end, FlowRows rows) {
        Path dir = runDir.resolve(windowName(start)).resolve(rows.task().name());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new OutputException("cannot create " + dir + ": " + AtomicFiles.describe(e), e);
        }
        prepare();
        codec.write(dir.resolve(FLOWS_FILE), new StoredWindow(start, end, rows));
        AtomicFiles.write(dir.resolve(SUMMARY_FILE), summary(start, end, rows));
    }

    /**
     * Writes one file of a task's window folder, {@code <run>/<window>/<task>/<fileName>}, atomically. Safe to call
     * from any thread (the snapshot writer and the ordered thread write different files).
     */
    public void writeTaskFile(long windowStart, String task, String fileName, byte[] bytes) {
        Path dir = runDir.resolve(windowName(windowStart)).resolve(task);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new OutputException("cannot create " + dir + ": " + AtomicFiles.describe(e), e);
        }
        AtomicFiles.write(dir.resolve(fileName), bytes);
    }

    /**
     * Writes the connections of a connections task that ended in the window starting at {@code start}. Called on
     * the ordered thread (files distinct from the snapshot writer's).
     */
    public void writeConnections(long start, long end, ConnectionRows rows) {
        byte[] body = new ConnectionsCodec().encode(new StoredConnections(start, end, rows));
        writeTaskFile(start, rows.task().name(), CONNECTIONS_FILE, body);
    }

    /**
     * Writes one task's sketches for one window ({@link #SKETCHES_FILE}). Called by one thread at a time (the
     * ordered thread during a run, the main thread in {@code merge}).
     */
    public void writeSketches(StoredSketches sketches) {
        if (sketchesCodec == null) {
            sketchesCodec = new SketchesCodec();
        }
        writeTaskFile(sketches.windowStart(), sketches.task().name(), SKETCHES_FILE, sketchesCodec.encode(sketches));
    }

    /** Drops the serialization buffer kept between windows (after the last window; writing again reallocates it). */
    public void releaseBuffers() {
        if (codec != null) {
            codec.releaseBuffer();
        }
    }

    /** Records that a whole window (all tasks) was written. */
    public void windowDone() {
        windowsWritten++;
    }

    /** Writes the run manifest (JSON text built by the caller). */
    public void writeManifest(String json) {
        AtomicFiles.write(runDir.resolve(MANIFEST_FILE), json);
    }

    private static String summary(long start, long end, FlowRows rows) {
        StringBuilder sb = new StringBuilder();
        JsonWriter j = new JsonWriter(sb, true);
        j.beginObject();
        j.field("format", "netspectra-summary/1");
        j.field("task", rows.task().name());
        j.name("key_fields").beginArray();
        for (KeyField f : rows.task().keyFields()) {
            j.value(f.label());
        }
        j.endArray();
        j.field("window_start", TimeText.format(start));
        j.field("window_end", TimeText.format(end));
        j.field("flows", rows.size());
        j.field("packets", rows.totalPackets());
        j.field("bytes", rows.totalBytes());
        j.endObject();
        return sb.append('\n').toString();
    }

    /** Returns a window folder's name: its start in UTC, e.g. {@code 2024-03-01T12-00-00Z} (fraction if any). */
    public static String windowName(long startNanos) {
        long seconds = Math.floorDiv(startNanos, 1_000_000_000L);
        long nanos = Math.floorMod(startNanos, 1_000_000_000L);
        // ISO_INSTANT of whole seconds (2024-03-01T12:00:00Z), colons made dashes for file systems that refuse them.
        String iso = Instant.ofEpochSecond(seconds).toString();
        String base = iso.substring(0, iso.length() - 1).replace(':', '-');
        if (nanos == 0) {
            return base + "Z";
        }
        StringBuilder frac = new StringBuilder(Long.toString(1_000_000_000L + nanos).substring(1));
        while (frac.charAt(frac.length() - 1) == '0') {
            frac.setLength(frac.length() - 1);
        }
        return base + "." + frac + "Z";
    }
}
