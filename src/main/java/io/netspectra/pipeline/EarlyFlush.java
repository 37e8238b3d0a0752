package io.netspectra.pipeline;

/**
 * A window cut short because one task's table reached {@code max_keys_per_task}; the window goes on in a new part.
 *
 * @param windowStart the start of the window being filled (capture clock), or of the part (wall clock), ns
 * @param partStart   the start of the part that was flushed, ns
 * @param partEnd     where the flushed part ends and the next begins, ns
 * @param task        the task that reached the limit (the first in config order, when several did)
 * @param keys        that task's keys in the flushed part
 * @param records     IP records aggregated in the flushed part
 */
public record EarlyFlush(long windowStart, long partStart, long partEnd, String task, long keys, long records) {
}
