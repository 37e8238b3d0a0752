package io.netspectra.store;

import io.netspectra.NetSpectraException.OutputException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files so that a reader sees the old content or the whole new content, never a part. */
public final class AtomicFiles {
    private static final int WRITE_PIECE = 1 << 20;

    private AtomicFiles() {
    }

    /** Writes {@code data} to a temporary file beside {@code target}, then renames it onto {@code target}. */
    public static void write(Path target, byte[] data) {
        write(target, data, data.length);
    }

    /** As {@link #write(Path, byte[])}, for the first {@code length} bytes of {@code data}. */
    public static void write(Path target, byte[] data, int length) {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                // In pieces: the channel copies each through a native buffer of the piece's size, which it keeps.
                for (int off = 0; off < length; off += WRITE_PIECE) {
                    out.write(data, off, Math.min(WRITE_PIECE, length - off));
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // The original failure says more.
            }
            throw new OutputException("cannot write " + target + ": " + describe(e), e);
        }
    }

    /** Writes UTF-8 text atomically. */
    public static void write(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns a short description of an I/O failure: for a file-system one its reason (the system's, or a plain one
     * for the kind: "no such file or directory", "permission denied", ...) and the file(s) it names; for a plain one
     * its message ("No space left on device"); otherwise its type and message.
     */
    static String describe(IOException e) {
        if (e instanceof FileSystemException f) {
            String reason = f.getReason() != null ? f.getReason()
                    : f instanceof NoSuchFileException ? "no such file or directory"
                    : f instanceof AccessDeniedException ? "permission denied"
                    : f instanceof FileAlreadyExistsException ? "already exists"
                    : f instanceof NotDirectoryException ? "not a directory"
                    : f instanceof DirectoryNotEmptyException ? "directory not empty"
                    : f.getClass().getSimpleName().replace("Exception", "");
            String files = f.getFile() == null ? "" : " (" + f.getFile()
                    + (f.getOtherFile() == null ? "" : ", " + f.getOtherFile()) + ")";
            return reason + files;
        }
        String m = e.getMessage();
        if (m != null && e.getClass() == IOException.class) {
            return m;
        }
        String type = e.getClass().getSimpleName().replace("Exception", "");
        return m == null ? type : type + " " + m;
    }
}
