/**
 * Versioned snapshot files.
 *
 * <p>Enters: one window's {@link io.netspectra.aggregate.FlowRows} per task, on the snapshot writer thread. Leaves:
 * files under {@code <root>/<run-id>/<window-start>/<task>/}: {@code flows.nss} (our header, then a Kryo body) and
 * {@code summary.json}; and the run's {@code manifest.json}. Every write goes to a temporary file and is renamed into
 * place. {@link io.netspectra.store.SnapshotReader} reads them back on any thread;
 * {@link io.netspectra.store.SnapshotFolders} finds the files a user's path stands for (for a storage root, its
 * latest run). With time bins, the ordered thread also writes each window's {@code bins.nss} per task
 * ({@link io.netspectra.store.BinsCodec}, kind 2), which {@link io.netspectra.store.BinsFiles} reads back.
 */
package io.netspectra.store;
