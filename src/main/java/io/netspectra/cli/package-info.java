/**
 * The {@code ns-cli} commands: the only package that imports picocli.
 *
 * <p>Enters: command-line arguments. Leaves: reports on stdout, one-line errors and progress on stderr, and an exit
 * code from {@link io.netspectra.cli.ExitCodes}. Each command runs on the main thread and starts the pipeline's
 * threads itself; only {@link io.netspectra.cli.Main} calls {@code System.exit}. During {@code analyze},
 * {@code StopSignals} turns SIGINT/SIGTERM (on the JVM's signal thread) into a stop request to the pipeline and the
 * exit code 130/143. The models of the commands runs and CI jobs start ({@code analyze}, {@code check},
 * {@code diff}, {@code show}) are built in code ({@code CodedModels}), the others' read from
 * picocli's annotations; see {@link io.netspectra.cli.NsCli}.
 */
package io.netspectra.cli;
