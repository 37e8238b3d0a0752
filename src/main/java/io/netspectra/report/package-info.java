/**
 * Reports for humans and scripts.
 *
 * <p>Enters: a finished run's {@link io.netspectra.pipeline.RunStats}. Leaves: text (an aligned table, or one JSON
 * document in the {@code netspectra-report/1} format). Rows are ordered by bytes, then packets, then key, so equal
 * inputs give byte-identical reports. Runs on the main thread after the pipeline has finished.
 */
package io.netspectra.report;
