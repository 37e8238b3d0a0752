package io.netspectra.report;

/**
 * Formats addresses as the reports and ORACLE.md require: IPv4 dotted quad; IPv6 in RFC 5952 form (lowercase, no
 * leading zeros, the longest run of two or more zero groups as {@code ::}, the first on a tie, never a dotted-quad
 * tail).
 */
public final class IpText {
    private IpText() {
    }

    /** Returns the IPv4 address in the low 32 bits of {@code v4} as dotted quad. */
    public static String ipv4(long v4) {
        return ((v4 >>> 24) & 0xFF) + "." + ((v4 >>> 16) & 0xFF) + "." + ((v4 >>> 8) & 0xFF) + "." + (v4 & 0xFF);
    }

    /** Returns the IPv6 address {@code hi:lo} in RFC 5952 form. */
    public static String ipv6(long hi, long lo) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xFFFF;
            g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xFFFF;
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** Returns the address as text, choosing the family by {@code ipv6}. */
    public static String of(boolean ipv6, long hi, long lo) {
        return ipv6 ? ipv6(hi, lo) : ipv4(lo);
    }
}
