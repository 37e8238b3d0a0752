/**
 * YAML configuration to immutable records.
 *
 * <p>Enters: a YAML file (or the default built into the jar). Leaves: an {@link io.netspectra.config.AnalyzerConfig}
 * with its {@link io.netspectra.config.TaskSpec}s, or a {@code ConfigException} naming the file, the line and the
 * offending value. Used once, on the main thread, before any input is read.
 */
package io.netspectra.config;
