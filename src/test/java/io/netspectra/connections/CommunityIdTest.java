package io.netspectra.connections;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Community ID v1 against the spec's published baseline, {@code baseline/baseline_deflt.json} of
 * corelight/community-id-spec (seed 0, base64): every vector, both directions where the spec lists both. For ICMP
 * the spec's {@code sport}/{@code dport} are already the port equivalents (type and counterpart type, or type and
 * code for one-way types), so the test passes the ICMP type as {@code sport} and, for one-way types, the code as
 * {@code dport}. Plus the README examples (TCP, UDP, ICMP echo, ICMPv6 echo).
 */
class CommunityIdTest {

    @ParameterizedTest
    @CsvSource({
        // proto, saddr, daddr, sport, dport, expected
        "58, fe80::200:86ff:fe05:80da, fe80::260:97ff:fe07:69ea, 135, 136, 1:dGHyGvjMfljg6Bppwm3bg0LO8TY=",
        "58, fe80::260:97ff:fe07:69ea, fe80::200:86ff:fe05:80da, 136, 135, 1:dGHyGvjMfljg6Bppwm3bg0LO8TY=",
        "58, fe80::260:97ff:fe07:69ea, fe80::200:86ff:fe05:80da, 135, 136, 1:zavyT/cezQr1fmImYCwYnMXbgck=",
        "58, fe80::200:86ff:fe05:80da, fe80::260:97ff:fe07:69ea, 136, 135, 1:zavyT/cezQr1fmImYCwYnMXbgck=",
        "58, 3ffe:501:1800:2345::2, 3ffe:507:0:1:200:86ff:fe05:80da, 3, 0, 1:2ObVBgIn28oZvibYZhZMBgh7WdQ=",
        "58, 3ffe:501:410:0:2c0:dfff:fe47:33e, 3ffe:507:0:1:200:86ff:fe05:80da, 1, 4, 1:hLZd0XGWojozrvxqE0dWB1iM6R0=",
        "58, 3ffe:507:0:1:200:86ff:fe05:80da, 3ffe:501:0:1001::2, 128, 129, 1:+TW+HtLHvV1xnGhV1lv7XoJrqQg=",
        "58, 3ffe:501:0:1001::2, 3ffe:507:0:1:200:86ff:fe05:80da, 129, 128, 1:+TW+HtLHvV1xnGhV1lv7XoJrqQg=",
        "58, fe80::200:86ff:fe05:80da, ff02::2, 133, 134, 1:hO+sN4H+MG5MY/8hIrXPqc4ZQz0=",
        "58, fe80::260:97ff:fe07:69ea, ff02::1, 134, 133, 1:pkvHqCL88/tg1k4cPigmZXUtL00=",
        "1, 192.168.0.89, 192.168.0.1, 8, 0, 1:X0snYXpgwiv9TZtqg64sgzUn6Dk=",
        "1, 192.168.0.1, 192.168.0.89, 0, 8, 1:X0snYXpgwiv9TZtqg64sgzUn6Dk=",
        "1, 10.0.0.1, 10.0.0.2, 11, 0, 1:YHxtAirCG//0OzkcVAukqKQN9xM=",
        "6, 2001:470:e5bf:dead:4957:2174:e82c:4887, 2607:f8b0:400c:c03::1a, 63943, 25, "
            + "1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=",
        "6, 2607:f8b0:400c:c03::1a, 2001:470:e5bf:dead:4957:2174:e82c:4887, 25, 63943, "
            + "1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=",
        "132, 192.168.170.8, 192.168.170.56, 7, 7, 1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=",
        "132, 192.168.170.56, 192.168.170.8, 7, 7, 1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=",
        "6, 128.232.110.120, 66.35.250.204, 34855, 80, 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
        "6, 66.35.250.204, 128.232.110.120, 80, 34855, 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
        "17, 192.168.1.52, 8.8.8.8, 54585, 53, 1:d/FP5EW3wiY1vCndhwleRRKHowQ=",
        "17, 8.8.8.8, 192.168.1.52, 53, 54585, 1:d/FP5EW3wiY1vCndhwleRRKHowQ=",
        "46, 10.1.12.1, 10.1.12.2, , , 1:KHlLkgoJW7ifUTyTSgyVfkFHzKw=",
        "46, 10.1.12.2, 10.1.12.1, , , 1:KHlLkgoJW7ifUTyTSgyVfkFHzKw=",
        // README examples of the spec.
        "6, 1.2.3.4, 5.6.7.8, 1122, 3344, 1:wCb3OG7yAFWelaUydu0D+125CLM=",
        "17, 1.2.3.4, 5.6.7.8, 1122, 3344, 1:0Mu9InQx6z4ZiCZM/7HXi2WMhOg=",
        "1, 1.2.3.4, 5.6.7.8, 8, 0, 1:crodRHL2FEsHjbv3UkRrfbs4bZ0=",
        "58, fe80:1:203:405:607:809:a0b:c0d, fe80:1011:1213:1415:1617:1819:1a1b:1c1d, 128, 129, "
            + "1:0bf7hyMJUwt3fMED7z8LIfRpBeo=",
    })
    void matchesTheSpecBaseline(int proto, String saddr, String daddr, Integer sport, Integer dport,
                                String expected) throws UnknownHostException {
        long[] s = words(saddr);
        long[] d = words(daddr);
        boolean v6 = saddr.contains(":");
        boolean icmp = proto == 1 || proto == 58;
        // For ICMP the connection knows the first packet's type and code; a two-way type's code does not matter.
        int typeCode = icmp ? sport << 8 | (dport & 0xFF) : -1;
        int sp = sport == null ? 0 : sport;
        int dp = dport == null ? 0 : dport;
        assertEquals(expected, CommunityId.of(v6, s[0], s[1], d[0], d[1], proto, sp, dp, typeCode));
    }

    private static long[] words(String address) throws UnknownHostException {
        byte[] a = InetAddress.getByName(address).getAddress();
        if (a.length == 4) {
            return new long[] {0, ByteBuffer.wrap(a).getInt() & 0xFFFF_FFFFL};
        }
        ByteBuffer b = ByteBuffer.wrap(a);
        return new long[] {b.getLong(), b.getLong()};
    }
}
