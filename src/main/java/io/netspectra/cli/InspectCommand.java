package io.netspectra.cli;

import io.netspectra.capture.CaptureFiles;
import io.netspectra.capture.CaptureReader;
import io.netspectra.capture.Damage;
import io.netspectra.capture.Frame;
import io.netspectra.inspect.InspectLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ns-cli inspect}: prints one line per frame as pcap4j's packet factory decodes it. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Print one line per frame as decoded by pcap4j (like tcpdump -nr): number, time, addresses, "
                + "ports, protocol, wire length. For looking at a capture, not for speed."})
final class InspectCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The capture file.")
    Path file;

    @Option(names = {"-n", "--count"}, paramLabel = "N", description = "Stop after N frames (default: all).")
    Long count;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (count != null && count < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must be 0 or more, got " + count);
        }
        long limit = count == null ? Long.MAX_VALUE : count;
        Frame f = new Frame();
        long n = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            while (n < limit && reader.next(f)) {
                out.println(InspectLine.format(++n, f));
            }
            out.flush();
            Damage d = reader.damage();
            if (d != null) {
                spec.commandLine().getErr().println("ns-cli: " + file + ": damaged at byte " + d.offset() + ": "
                        + d.what());
                return ExitCodes.INPUT;
            }
        }
        return ExitCodes.OK;
    }
}
