package io.netspectra.query;

import io.netspectra.NetSpectraException.ConfigException;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.aggregate.KeyLayout;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowFilterTest {
    static final TaskSpec TUPLE = new TaskSpec("t", List.of(KeyField.SRC_IP, KeyField.DST_IP, KeyField.SRC_PORT,
            KeyField.DST_PORT, KeyField.PROTOCOL));

    /** Row 0: 10.1.2.3:40000 -> 192.168.0.1:443 tcp, 2 packets, 3000 bytes, 1 s. Row 1: [2001:db8::5] udp to 53. */
    static FlowRows rows() {
        FlowTable t = new FlowTable(5);
        long[] v4 = {0, 0x0A010203L, 0, 0xC0A80001L, 6 | 40000L << 8 | 443L << 24};
        long[] v6 = {0x20010DB800000000L, 5, 0x20010DB800010000L, 9, 17 | 5353L << 8 | 53L << 24 | 1L << 40};
        t.merge(v4, 0, KeyLayout.hash(v4, 0, 5), 2, 3000, 1_000_000_000L, 2_000_000_000L);
        t.merge(v6, 0, KeyLayout.hash(v6, 0, 5), 1, 90, 5, 5);
        FlowRows.Builder b = new FlowRows.Builder(TUPLE, 5, 2);
        t.copyTo(b);
        FlowRows r = b.build();
        return KeyLayout.isIpv6(r.lastWord(0)) ? new FlowRows(TUPLE, 5, 2, swap(r.keys(), 5), swap(r.stats(), 4)) : r;
    }

    private static long[] swap(long[] a, int w) {
        long[] out = new long[a.length];
        System.arraycopy(a, w, out, 0, w);
        System.arraycopy(a, 0, out, w, w);
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DstPort=443|true|false",
        "dstport == 53|false|true",
        "SrcIP=10.0.0.0/8|true|false",
        "SrcIP!=10.0.0.0/8|false|true",
        "SrcIP=10.1.2.3|true|false",
        "DstIP=2001:db8::/32|false|true",
        "DstIP=2001:db8:1::9/128|false|true",
        "DstIP=2001:db8::/48|false|false",
        "SrcIP=0.0.0.0/0|true|false",
        "Protocol=tcp|true|false",
        "Protocol=udp and DstPort<100|false|true",
        "Protocol=17 && packets>=1, bytes<1KB|false|true",
        "bytes>=3KB|true|false",
        "bytes>2KiB|true|false",
        "packets>1|true|false",
        "duration>=1s|true|false",
        "duration<500ms|false|true",
        "SrcPort>=5353, SrcPort<=40000|true|true",
    })
    void matchesConjunctionsOfKeyAndMetricConditions(String expr, boolean v4, boolean v6) {
        RowFilter f = RowFilter.parse(expr);
        FlowRows r = rows();
        assertEquals(v4, f.test(r, 0), expr + " on the IPv4 row");
        assertEquals(v6, f.test(r, 1), expr + " on the IPv6 row");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DstPort|bad --where 'DstPort': 'DstPort' is not FIELD OP VALUE (e.g. DstPort=443, bytes>=1MB)",
        "DstPort=65536|bad --where 'DstPort=65536': bad DstPort '65536', expected 0 to 65535",
        "Protocol=ipx|bad --where 'Protocol=ipx': bad Protocol 'ipx', expected 0 to 255 or a name (tcp, udp, "
            + "icmp, icmpv6, ...)",
        "SrcIP>1.2.3.4|bad --where 'SrcIP>1.2.3.4': SrcIP takes = or !=, not >",
        "SrcIP=1.2.3|bad address '1.2.3' in --where 'SrcIP=1.2.3', expected an IPv4 or IPv6 "
            + "address or prefix such as 10.0.0.0/8 or 2001:db8::/32",
        "DstIP=::1/129|bad address '::1/129' in --where 'DstIP=::1/129', expected an IPv4 or IPv6 "
            + "address or prefix such as 10.0.0.0/8 or 2001:db8::/32",
        "flows>1|bad --where 'flows>1': unknown field 'flows', expected one of SrcIP, DstIP, SrcPort, DstPort, "
            + "Protocol, packets, bytes, duration (connections also orig_packets, orig_bytes, resp_packets, resp_bytes)",
        "bytes>1QB|bad --where 'bytes>1QB' '1QB', expected a size such as 1500, 10KB (1000 bytes each), "
            + "1MiB (1048576) or 1.5GB",
        "duration>soon|bad --where 'duration>soon' 'soon', expected a duration such as 500ms, 5s, 1m",
    })
    void rejectsBadExpressionsWithAClearMessage(String expr, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> RowFilter.parse(expr));
        assertEquals(message, e.getMessage());
    }

    @Test
    void knowsWhichTasksItAppliesTo() {
        RowFilter f = RowFilter.parse("DstPort=443, bytes>1");
        assertTrue(f.appliesTo(TUPLE));
        assertTrue(f.appliesTo(new TaskSpec("p", List.of(KeyField.DST_PORT))));
        assertFalse(f.appliesTo(new TaskSpec("s", List.of(KeyField.SRC_IP))));
        assertTrue(RowFilter.parse("  ").appliesTo(new TaskSpec("s", List.of(KeyField.SRC_IP))));
    }
}
