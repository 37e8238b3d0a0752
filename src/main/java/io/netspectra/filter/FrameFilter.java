package io.netspectra.filter;

import io.netspectra.NetSpectraException.ConfigException;
import io.netspectra.capture.Frame;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;

/**
 * A tcpdump filter expression, compiled by libpcap for each link type the frames come with, and applied to every
 * frame with libpcap's {@code bpf_filter} over the captured bytes and the wire length (so {@code len}, {@code greater}
 * and {@code less} test the original length, as tcpdump does).
 *
 * <p>Guarantees: a bad expression, a link type libpcap cannot compile it for, and a missing libpcap are each one
 * {@link ConfigException} naming the expression; frames are never changed. Not thread-safe: the reader thread only.
 */
public final class FrameFilter {
    /** The hint printed when libpcap cannot be loaded. */
    public static final String MISSING_LIBPCAP = "--filter needs libpcap: apt-get install libpcap0.8";
    /** The snapshot length programs are compiled for: the largest record a capture may hold. */
    private static final int SNAPLEN = 262_144;
    /** libpcap's PCAP_NETMASK_UNKNOWN: captures carry no netmask, so {@code ip broadcast} is refused. */
    private static final Inet4Address NETMASK_UNKNOWN = netmaskUnknown();
    /** Size of the smallest scratch buffer; buffers are powers of two from here up to {@link #SNAPLEN}. */
    private static final int MIN_SCRATCH_BITS = 6;

    private final String expression;
    private final Map<Integer, BpfProgram> programs = new HashMap<>();
    /** Scratch copies of frames, one per power-of-two size, so native calls copy at most twice the frame. */
    private final byte[][] scratch = new byte[Integer.SIZE][];
    private int lastLinkType = Integer.MIN_VALUE;
    private BpfProgram last;

    private FrameFilter(String expression) {
        this.expression = expression;
    }

    /**
     * Returns a filter for {@code expression}, loading libpcap and checking the expression by compiling it for
     * Ethernet (other link types are compiled when their first frame arrives).
     *
     * @throws ConfigException when libpcap is missing or rejects the expression
     */
    public static FrameFilter compile(String expression) {
        FrameFilter f = new FrameFilter(expression);
        f.program(LinkTypeNames.ETHERNET);
        return f;
    }

    /** Returns the expression as given. */
    public String expression() {
        return expression;
    }

    /**
     * Returns whether {@code frame} passes the filter.
     *
     * @throws ConfigException when libpcap cannot compile the expression for the frame's link type
     */
    public boolean accepts(Frame frame) {
        if (frame.linkType != lastLinkType) {
            last = program(frame.linkType);
            lastLinkType = frame.linkType;
        }
        int len = frame.capturedLength;
        byte[] bytes = scratchFor(len);
        frame.buffer.get(frame.offset, bytes, 0, len);
        return last.applyFilter(bytes, Math.max(frame.wireLength, len), len);
    }

    private byte[] scratchFor(int len) {
        int bits = Math.max(MIN_SCRATCH_BITS, Integer.SIZE - Integer.numberOfLeadingZeros(Math.max(len - 1, 1)));
        byte[] b = scratch[bits];
        if (b == null) {
            b = new byte[1 << bits];
            scratch[bits] = b;
        }
        return b;
    }

    private BpfProgram program(int linkType) {
        BpfProgram p = programs.get(linkType);
        if (p == null) {
            p = compileFor(linkType);
            programs.put(linkType, p);
        }
        return p;
    }

    private BpfProgram compileFor(int linkType) {
        try {
            DataLinkType dlt = LinkTypeNames.dataLinkType(linkType);
            // A dead handle rather than Pcaps.compileFilter: only a handle's errors carry libpcap's message.
            try (PcapHandle dead = Pcaps.openDead(dlt, SNAPLEN)) {
                return dead.compileFilter(expression, BpfProgram.BpfCompileMode.OPTIMIZE, NETMASK_UNKNOWN);
            }
        } catch (PcapNativeException | NotOpenException e) {
            String why = libpcapMessage(e);
            if (linkType == LinkTypeNames.ETHERNET && programs.isEmpty()) {
                throw new ConfigException("bad --filter '" + expression + "': " + why);
            }
            throw new ConfigException("--filter '" + expression + "' cannot be applied to frames of link type "
                    + LinkTypeNames.describe(linkType) + ": " + why);
        } catch (LinkageError e) {
            throw new ConfigException(MISSING_LIBPCAP);
        }
    }

    private static Inet4Address netmaskUnknown() {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {-1, -1, -1, -1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns libpcap's own words from pcap4j's message ("Error occurred in pcap_compile: syntax error"). */
    private static String libpcapMessage(Exception e) {
        String m = e.getMessage() == null ? "rejected by libpcap" : e.getMessage().strip();
        int colon = m.indexOf(": ");
        return m.startsWith("Error occurred in pcap_compile") && colon >= 0 ? m.substring(colon + 2) : m;
    }
}
