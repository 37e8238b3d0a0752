package io.netspectra.store;

import io.netspectra.NetSpectraException.CorruptSnapshotException;

import java.util.Arrays;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snapshot files' shared damage check: a file cut at any byte is refused as corrupt, in one line naming it. */
public final class SnapshotCuts {
    private SnapshotCuts() {
    }

    /**
     * Asserts that {@code decode(name, prefix)} rejects every proper prefix of {@code file} with a one-line
     * {@link CorruptSnapshotException} that starts with {@code "<name>: corrupt snapshot: "}.
     */
    public static void assertEveryCutRejected(byte[] file, BiConsumer<String, byte[]> decode) {
        String name = "cut.nss";
        for (int n = 0; n < file.length; n++) {
            byte[] cut = Arrays.copyOf(file, n);
            CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> decode.accept(name, cut),
                    "prefix of " + n + " bytes");
            assertTrue(e.getMessage().startsWith(name + ": corrupt snapshot: "), e.getMessage());
            assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
        }
    }
}
