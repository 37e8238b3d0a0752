/**
 * Keyed aggregation of packet records.
 *
 * <p>Enters: {@link io.netspectra.decode.PacketBatch}es from worker threads, each first summed per key of the union
 * of the tasks' fields ({@link io.netspectra.aggregate.BatchGroups}, one per worker) so that a task's large table is
 * probed once per distinct key of a batch rather than once per record. Leaves: per task, 256 shard
 * {@link io.netspectra.aggregate.FlowTable}s handed over whole when the snapshotter swaps them out, and
 * {@link io.netspectra.aggregate.FlowRows} (compact, immutable by convention) built from them for writers and
 * reports. Only <em>live</em> tasks are added to: a task whose key fields are among another's is derived from that
 * task's window rows at the cut ({@link io.netspectra.aggregate.Derivation}; {@link io.netspectra.aggregate.WindowRows}
 * makes every task's rows of a window, on the snapshot writer's thread).
 *
 * <p>Threads: many workers add concurrently, each stripe under its own lock; one snapshotter thread swaps. Keys are
 * packed into primitives ({@link io.netspectra.aggregate.KeyLayout}); a key of one port or the protocol alone indexes a
 * direct table in stripe 0 instead of being hashed. The add path allocates nothing once tables have grown.
 */
package io.netspectra.aggregate;
