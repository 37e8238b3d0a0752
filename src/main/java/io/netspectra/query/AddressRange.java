package io.netspectra.query;

import io.netspectra.NetSpectraException.ConfigException;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 prefix such as {@code 10.0.0.0/8}, {@code 2001:db8::/32} or one address ({@code 10.0.0.1}, a /32
 * or /128), held as the packed key words use them: {@code hi}, {@code lo}, family. Literals only: a name is an
 * error, never a DNS lookup.
 */
public record AddressRange(boolean ipv6, long hi, long lo, int prefix) {

    /** Parses {@code text}; {@code what} names the expression in the error message. */
    public static AddressRange parse(String what, String text) {
        String addr = text;
        int prefix = -1;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            addr = text.substring(0, slash);
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw bad(what, text);
            }
        }
        boolean v6 = addr.contains(":");
        long hi = 0;
        long lo;
        if (v6) {
            if (!addr.matches("[0-9A-Fa-f:.]+")) {
                throw bad(what, text);
            }
            byte[] b;
            try {
                b = InetAddress.getByName(addr).getAddress();
            } catch (UnknownHostException e) {
                throw bad(what, text);
            }
            if (b.length != 16) {
                throw bad(what, text);
            }
            lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = hi << 8 | (b[i] & 0xFF);
                lo = lo << 8 | (b[i + 8] & 0xFF);
            }
        } else {
            lo = ipv4(addr);
            if (lo < 0) {
                throw bad(what, text);
            }
        }
        int max = v6 ? 128 : 32;
        if (prefix == -1) {
            prefix = max;
        }
        if (prefix < 0 || prefix > max) {
            throw bad(what, text);
        }
        return new AddressRange(v6, hi, lo, prefix);
    }

    /** Returns whether the address {@code hi:lo} of family {@code v6} lies in this range. */
    public boolean contains(boolean v6, long addrHi, long addrLo) {
        if (v6 != ipv6) {
            return false;
        }
        if (!ipv6) {
            long mask = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
            return ((addrLo ^ lo) & mask) == 0;
        }
        long hiMask = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
        long loMask = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
        return ((addrHi ^ hi) & hiMask) == 0 && ((addrLo ^ lo) & loMask) == 0;
    }

    private static long ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            if (!p.matches("\\d{1,3}")) {
                return -1;
            }
            int n = Integer.parseInt(p);
            if (n > 255) {
                return -1;
            }
            v = v << 8 | n;
        }
        return v;
    }

    private static ConfigException bad(String what, String text) {
        return new ConfigException("bad address '" + text + "' in " + what + ", expected an IPv4 or IPv6 address "
                + "or prefix such as 10.0.0.0/8 or 2001:db8::/32");
    }
}
