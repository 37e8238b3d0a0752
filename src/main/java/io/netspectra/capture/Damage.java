package io.netspectra.capture;

/**
 * Where and how a capture file is damaged. Frames before {@code offset} were read; nothing after it is.
 *
 * @param offset byte offset in the (decompressed) capture stream where the damaged record starts
 * @param what   what is wrong, in a few words
 */
public record Damage(long offset, String what) {
}
