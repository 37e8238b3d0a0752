package io.netspectra.report;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.aggregate.KeyLayout;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RowOrderTest {

    @Test
    void heapSelectionGivesTheSamePrefixAsAFullSort() {
        FlowTable t = new FlowTable(1);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            long[] key = {r.nextInt(5_000)};
            t.add(key, KeyLayout.hash(key, 0, 1), 1 + r.nextInt(3), i);
        }
        FlowRows.Builder b = new FlowRows.Builder(new TaskSpec("p", List.of(KeyField.SRC_PORT)), 1, t.size());
        t.copyTo(b);
        FlowRows rows = b.build();
        int[] all = RowOrder.sorted(rows, -1);
        assertEquals(rows.size(), all.length);
        for (int top : new int[] {0, 1, 10, 100}) {
            assertArrayEquals(Arrays.copyOf(all, top), RowOrder.sorted(rows, top), "top " + top);
        }
        for (int i = 1; i < all.length; i++) {
            assertEquals(true, RowOrder.compare(rows, all[i - 1], all[i]) < 0, "strictly ordered at " + i);
        }
        int[] each = all.clone();
        Arrays.sort(each);
        for (int i = 0; i < each.length; i++) {
            assertEquals(i, each[i], "every row exactly once");
        }
    }

    @Test
    void formatsIpv6InRfc5952Form() {
        assertEquals("2001:db8::1", IpText.ipv6(0x20010DB800000000L, 1));
        assertEquals("::", IpText.ipv6(0, 0));
        assertEquals("::ffff:102:304", IpText.ipv6(0, 0x0000FFFF01020304L));
        assertEquals("2001:db8:0:1:1:1:1:1", IpText.ipv6(0x20010DB800000001L, 0x0001000100010001L));
        assertEquals("2001:0:0:1::1", IpText.ipv6(0x2001000000000001L, 1));
        assertEquals("fe80::", IpText.ipv6(0xFE80000000000000L, 0));
        assertEquals("10.0.0.255", IpText.ipv4(0x0A0000FFL));
    }
}
