/**
 * Reports for humans and scripts.
 *
 * <p>Enters: a finished run's {@link io.netspectra.pipeline.RunStats}, or rows of stored snapshots in a chosen order
 * ({@link io.netspectra.report.RowSet}). Leaves: text (an aligned table, one JSON document in the {@code
 * netspectra-report/1} or {@code netspectra-show/1} format, CSV, NDJSON, JUnit XML): the formats that list every key
 * (JSON, CSV, NDJSON) written to a {@code PrintWriter} about 64 KiB at a time ({@code ReportText}), never whole in
 * memory; tables and JUnit XML as strings. Rows are ordered by bytes, then packets, then key unless asked otherwise, so
 * equal inputs give byte-identical reports. {@link io.netspectra.report.JsonReader} reads such documents back. Runs on
 * the main thread after the pipeline has finished. With time bins, {@link io.netspectra.report.BinsReport} adds each
 * row's peak bin and renders series ({@link io.netspectra.report.SeriesSet}) in the same formats ({@code
 * netspectra-show-bins/1} for {@code show --bins}).
 */
package io.netspectra.report;
