/**
 * Capture files to raw frames.
 *
 * <p>Enters: a path or standard input (classic pcap in either byte order and time unit, pcapng, either of them plain
 * or compressed with gzip, zstd, xz or bzip2), or command-line arguments naming files, directories and patterns.
 * Leaves: {@link io.netspectra.capture.Frame} cursors, one frame at a time: link type, timestamp in nanoseconds,
 * wire length and the captured bytes; plus, at the end, whether and where the file was damaged.
 *
 * <p>Threads: a reader and its frame cursor belong to the one reader thread of the pipeline. Memory is bounded by the
 * read window whatever the file size: a buffer of at most 256 KiB (less for a small file, or when many files are
 * open at once), larger only for a record that needs more; outside the Java heap up to a budget, then on it.
 */
package io.netspectra.capture;
