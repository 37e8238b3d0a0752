package io.netspectra.connections;

import io.netspectra.config.TaskSpec;

/**
 * A connections task's result over a whole run, for the report: how many records ended, with which reasons, their
 * packets and bytes, and the rows kept for printing.
 *
 * @param task         the task
 * @param connections  records over the run
 * @param reasons      records per {@link EndReason}, indexed by ordinal
 * @param packets      packets over every record (both directions)
 * @param bytes        bytes over every record
 * @param rows         the rows to print: all of them, or the top N in report order when the report is cut
 */
public record ConnectionSummary(TaskSpec task, long connections, long[] reasons, long packets, long bytes,
                                ConnectionRows rows) {
}
