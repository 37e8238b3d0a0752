package io.netspectra.pipeline;

/**
 * What was read from one input.
 *
 * @param path          the input as given
 * @param format        pcap, pcap-ns or pcapng, with {@code +gzip} when compressed; null when it could not be opened
 * @param packets       frames read (before any damage)
 * @param bytes         wire bytes of those frames
 * @param damaged       whether reading stopped at damage
 * @param damageOffset  byte offset of the damage, or -1
 * @param unreadBytes   bytes of the file from the damage to its end, which no packet count can cover; -1 when not
 *                      damaged or unknown (compressed input, standard input)
 * @param error         one-line description of the damage or the open failure, or null
 */
public record InputStats(String path, String format, long packets, long bytes, boolean damaged, long damageOffset,
                         long unreadBytes, String error) {
    /** Returns stats for an input that could not be opened at all. */
    static InputStats unopened(String path, String error) {
        return new InputStats(path, null, 0, 0, false, -1, -1, error);
    }

    /** Returns whether the input failed to open (missing, unreadable, not a capture). */
    public boolean unopened() {
        return format == null;
    }
}
