package io.netspectra.cli;

import io.netspectra.capture.CaptureInput;
import io.netspectra.capture.CaptureReader;
import io.netspectra.capture.Frame;
import io.netspectra.decode.DecodedPacket;
import io.netspectra.decode.FrameDecoder;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Time bins computed the plain way, for comparison with the tool: every IP frame of a capture, in file order, goes
 * into a map from "bin start | key" to packets and bytes. The bin rule is written out here on its own: a timestamp at
 * or past the current bin's end starts the bin it falls in; anything else (going back in time, no timestamp) counts
 * in the current bin; untimed frames before the first timestamp count in the first bin.
 */
final class BinsOracle {
    private BinsOracle() {
    }

    /** Returns "binStartNanos|key" to {packets, bytes} for the five-tuple key, or the source address alone. */
    static Map<String, long[]> bins(Path capture, long binNanos, boolean fiveTuple) {
        Map<String, long[]> out = new TreeMap<>();
        List<String[]> pending = new ArrayList<>();
        FrameDecoder decoder = new FrameDecoder();
        DecodedPacket p = new DecodedPacket();
        Long start = null;
        try (CaptureReader r = CaptureInput.file(capture).open()) {
            Frame f = new Frame();
            while (r.next(f)) {
                if (decoder.decode(f.buffer, f.offset, f.capturedLength, f.linkType, p) != FrameDecoder.IP) {
                    continue;
                }
                long ts = f.timestampNanos;
                if (ts != Frame.NO_TIMESTAMP && (start == null || ts >= start + binNanos)) {
                    start = Math.floorDiv(ts, binNanos) * binNanos;
                }
                String key = fiveTuple ? address(p.ipv6, p.srcHi, p.srcLo) + " " + address(p.ipv6, p.dstHi, p.dstLo)
                        + " " + p.srcPort + " " + p.dstPort + " " + p.protocol : address(p.ipv6, p.srcHi, p.srcLo);
                if (start == null) {
                    pending.add(new String[] {key, Integer.toString(f.wireLength)});
                    continue;
                }
                for (String[] early : pending) {
                    count(out, start + "|" + early[0], Integer.parseInt(early[1]));
                }
                pending.clear();
                count(out, start + "|" + key, f.wireLength);
            }
        }
        return out;
    }

    private static void count(Map<String, long[]> out, String key, long bytes) {
        long[] c = out.computeIfAbsent(key, k -> new long[2]);
        c[0]++;
        c[1] += bytes;
    }

    /** Returns an address as the hex of its bytes (4 for IPv4, 16 for IPv6), the form both sides are compared in. */
    static String address(boolean ipv6, long hi, long lo) {
        if (!ipv6) {
            return HexFormat.of().formatHex(ByteBuffer.allocate(4).putInt((int) lo).array());
        }
        return HexFormat.of().formatHex(ByteBuffer.allocate(16).putLong(hi).putLong(lo).array());
    }

    /** Returns the tool's address text in the same hex form (IPv4-mapped IPv6 text stays 16 bytes). */
    static String address(String text) {
        try {
            byte[] b = InetAddress.getByName(text).getAddress();
            if (b.length == 4 && text.contains(":")) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(b, 0, mapped, 12, 4);
                b = mapped;
            }
            return HexFormat.of().formatHex(b);
        } catch (UnknownHostException e) {
            throw new AssertionError("not an address: " + text, e);
        }
    }
}
