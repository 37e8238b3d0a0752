package io.netspectra.cli;

import io.netspectra.gen.AttackGenerator;
import io.netspectra.gen.CaptureFormat;
import io.netspectra.gen.CaptureGenerator;
import io.netspectra.gen.GenSpec;
import io.netspectra.gen.GenSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ns-cli pcapgen}: writes a synthetic capture, the same bytes for the same seed and options. */
@Command(name = "pcapgen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a synthetic capture deterministically from a seed: Ethernet frames (some 802.1Q or QinQ "
                + "tagged) carrying IPv4 and IPv6 TCP, UDP, ICMP, GRE and ESP flows drawn by Zipf popularity from a "
                + "pool, plus about 1.5%% ARP. The same seed and options give byte-identical output.",
            "Prints one summary line on stderr; stdout carries only the capture, when -o is - (the default)."})
final class GenerateCommand implements Callable<Integer> {
    static final String STDOUT = "-";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-n", "--packets"}, paramLabel = "N", defaultValue = "1000",
            description = "Packets to write (default: ${DEFAULT-VALUE}).")
    long packets;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed every random choice derives from (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "pcap", converter = FormatConverter.class,
            completionCandidates = FormatNames.class,
            description = "Capture format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    CaptureFormat format;

    @Option(names = "--flows", paramLabel = "N", defaultValue = "" + GenSpec.DEFAULT_FLOWS,
            description = "Distinct flows in the pool, 1 to " + GenSpec.MAX_FLOWS + " (default: ${DEFAULT-VALUE}).")
    int flows;

    @Option(names = "--zipf", paramLabel = "EXPONENT", defaultValue = "" + GenSpec.DEFAULT_ZIPF_EXPONENT,
            description = "Zipf exponent of flow popularity, 0 = uniform (default: ${DEFAULT-VALUE}).")
    double zipf;

    @Option(names = "--rate", paramLabel = "PPS", defaultValue = "" + (long) GenSpec.DEFAULT_RATE,
            description = "Mean packets per second of capture time (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--start", paramLabel = "INSTANT", defaultValue = GenSpec.DEFAULT_START,
            description = "Capture start, ISO-8601 (default: ${DEFAULT-VALUE}).")
    String start;

    @Option(names = "--snaplen", paramLabel = "BYTES", defaultValue = "" + GenSpec.DEFAULT_SNAPLEN,
            description = "Longest captured frame; longer frames are cut, their wire length kept "
                    + "(default: ${DEFAULT-VALUE}).")
    int snaplen;

    @Option(names = "--scan", paramLabel = "HOSTS:PORTS",
            description = "Instead of the mix: a TCP port scan from 203.0.113.66, one packet to each of PORTS ports "
                    + "(1..PORTS) on each of HOSTS (at most 254) hosts from 198.51.100.1 up, at --rate from --start.")
    String scan;

    @Option(names = "--fan-in", paramLabel = "SOURCES:PACKETS",
            description = "Instead of the mix: a DDoS-like fan-in, PACKETS UDP packets from each of SOURCES sources "
                    + "(100.64.0.1 up) to 192.0.2.10 port 53, at --rate from --start.")
    String fanIn;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = STDOUT,
            description = "Capture file, written atomically via FILE.tmp; - = standard output "
                    + "(default: ${DEFAULT-VALUE}).")
    String output;

    private final OutputStream stdout;
    private final boolean stdoutMayBeTerminal;

    /** Creates the command writing "-" to the process's standard output. */
    GenerateCommand() {
        this(new FileOutputStream(FileDescriptor.out), true);
    }

    /** Creates the command writing "-" to {@code stdout}, which it flushes but never closes. */
    GenerateCommand(OutputStream stdout) {
        this(stdout, false);
    }

    private GenerateCommand(OutputStream stdout, boolean stdoutMayBeTerminal) {
        this.stdout = stdout;
        this.stdoutMayBeTerminal = stdoutMayBeTerminal;
    }

    @Override
    public Integer call() {
        GenSpec genSpec = genSpec();
        boolean toStdout = STDOUT.equals(output);
        if (toStdout && stdoutMayBeTerminal && System.console() != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "standard output is a terminal: give -o FILE or redirect the output");
        }
        String target = toStdout ? "standard output" : output;
        if (scan != null || fanIn != null) {
            return attack(genSpec, toStdout, target);
        }
        CaptureGenerator generator = new CaptureGenerator(genSpec);
        long began = System.nanoTime();
        GenSummary summary;
        try {
            summary = toStdout ? generator.write(stdout) : generator.writeFile(Path.of(output));
        } catch (IOException e) {
            spec.commandLine().getErr().println("ns-cli pcapgen: cannot write " + target + ": " + reason(e));
            return ExitCodes.OUTPUT;
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        spec.commandLine().getErr().printf(Locale.ROOT,
                "ns-cli pcapgen: wrote %,d packets, %,d bytes on the wire (mean frame %.1f), %,d flows, "
                        + "%,d five-tuples to %s in %.2f s%n", summary.packets(), summary.wireBytes(),
                summary.meanFrameBytes(), summary.flows(), summary.fiveTuples(), target, seconds);
        return ExitCodes.OK;
    }

    /** Writes the --scan or --fan-in capture (pcap) and prints what it holds: the truth a sketch should find. */
    private int attack(GenSpec genSpec, boolean toStdout, String target) {
        if (scan != null && fanIn != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --scan or --fan-in, not both");
        }
        int[] counts = pair(scan != null ? "--scan" : "--fan-in", scan != null ? scan : fanIn);
        AttackGenerator attacks = new AttackGenerator(genSpec.startNanos(),
                Math.max(1, Math.round(1e9 / genSpec.packetsPerSecond())));
        long written;
        Path temporary = toStdout ? null : Path.of(output + ".tmp");
        try {
            try (OutputStream out = toStdout ? new FilterOutputStream(stdout) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            } : Files.newOutputStream(temporary)) {
                written = scan != null ? attacks.portScan(out, counts[0], counts[1])
                        : attacks.fanIn(out, counts[0], counts[1]);
            }
            if (temporary != null) {
                Files.move(temporary, Path.of(output), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // The write already failed; that error is the one reported.
                }
            }
            spec.commandLine().getErr().println("ns-cli pcapgen: cannot write " + target + ": " + reason(e));
            return ExitCodes.OUTPUT;
        }
        spec.commandLine().getErr().printf(Locale.ROOT, scan != null
                ? "ns-cli pcapgen: wrote %,d packets of a port scan from 203.0.113.66 over %,d hosts x %,d ports "
                        + "(%,d distinct DstIP, DstPort) to %s%n"
                : "ns-cli pcapgen: wrote %,d packets of a fan-in from %,d sources x %,d packets onto 192.0.2.10 "
                        + "(%,d distinct SrcIP) to %s%n",
                written, counts[0], counts[1], scan != null ? (long) counts[0] * counts[1] : counts[0], target);
        return ExitCodes.OK;
    }

    /** Parses {@code A:B}, two whole numbers from 1 to 1,000,000. */
    private int[] pair(String option, String text) {
        String[] parts = text.split(":", -1);
        int[] out = new int[2];
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            for (int i = 0; i < 2; i++) {
                out[i] = Integer.parseInt(parts[i]);
                if (out[i] < 1 || out[i] > 1_000_000) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be two whole numbers from "
                    + "1 to 1000000 as A:B, e.g. 40:200, got '" + text + "'");
        }
        if (option.equals("--scan") && out[1] > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scan ports must be at most 65535, got "
                    + out[1]);
        }
        if (option.equals("--scan") && out[0] > 254) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scan hosts must be at most 254 (one "
                    + "TEST-NET /24), got " + out[0]);
        }
        return out;
    }

    private GenSpec genSpec() {
        long startNanos;
        try {
            Instant instant = Instant.parse(start);
            startNanos = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--start must be an ISO-8601 instant such as " + GenSpec.DEFAULT_START + ", got '" + start + "'");
        }
        try {
            return new GenSpec(packets, seed, format, flows, zipf, startNanos, rate, snaplen);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Returns why a write failed in a few words: the system's reason where it gives one. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Converts pcap and pcapng, in any case, to a format. */
    static final class FormatConverter implements CommandLine.ITypeConverter<CaptureFormat> {
        @Override
        public CaptureFormat convert(String value) {
            try {
                return CaptureFormat.fromOptionName(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Lists the format names for --help. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(CaptureFormat.values()).map(CaptureFormat::optionName).iterator();
        }
    }
}
