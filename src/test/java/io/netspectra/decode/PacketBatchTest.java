package io.netspectra.decode;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketBatchTest {

    private static DecodedPacket packet(int i) {
        DecodedPacket p = new DecodedPacket();
        p.ipv6 = i % 3 == 0;
        p.srcHi = 0x2001_0db8L << 32 | i;
        p.srcLo = 7L * i;
        p.dstHi = -i;
        p.dstLo = Long.MAX_VALUE - i;
        p.protocol = i % 3 == 1 ? 1 : 6;
        p.srcPort = i & 0xFFFF;
        p.dstPort = (i * 31) & 0xFFFF;
        p.tcpFlags = i & 0xFF;
        p.icmpTypeCode = i % 3 == 1 ? (i & 0xFF) << 8 | 3 : DecodedPacket.NO_ICMP;
        return p;
    }

    @Test
    void aGrowingBatchDoublesItsRoomUpToItsCapacityAndKeepsEveryRecord() {
        PacketBatch batch = new PacketBatch(100, 8);
        assertEquals(8, batch.room());
        int added = 0;
        int grows = 0;
        while (true) {
            if (batch.isFull()) {
                if (!batch.grow()) {
                    break;
                }
                grows++;
            }
            batch.add(packet(added), 1_000L * added, 60 + added);
            added++;
        }
        assertEquals(100, added);
        assertEquals(4, grows, "8 -> 16 -> 32 -> 64 -> 100");
        assertEquals(100, batch.room());
        assertEquals(100, batch.capacity());
        for (int i = 0; i < added; i++) {
            DecodedPacket p = packet(i);
            assertEquals(1_000L * i, batch.timestamp(i));
            assertEquals(60 + i, batch.wireLength(i));
            assertEquals(p.ipv6, batch.ipv6(i));
            assertEquals(p.srcHi, batch.srcHi(i));
            assertEquals(p.srcLo, batch.srcLo(i));
            assertEquals(p.dstHi, batch.dstHi(i));
            assertEquals(p.dstLo, batch.dstLo(i));
            assertEquals(p.protocol, batch.protocol(i));
            assertEquals(p.srcPort, batch.srcPort(i));
            assertEquals(p.dstPort, batch.dstPort(i));
            assertEquals(p.tcpFlags, batch.tcpFlags(i));
            assertEquals(p.icmpTypeCode, batch.icmpTypeCode(i));
        }
    }

    @Test
    void aBatchMadeWithItsWholeCapacityDoesNotGrow() {
        PacketBatch batch = new PacketBatch(3);
        for (int i = 0; i < 3; i++) {
            assertFalse(batch.isFull());
            batch.add(packet(i), i, 60);
        }
        assertTrue(batch.isFull());
        assertFalse(batch.grow());
        assertEquals(3, batch.room());
        assertEquals(3, batch.size());
    }

    @Test
    void theFirstRoomIsAtLeastOneRecordAndAtMostTheCapacity() {
        assertEquals(1, new PacketBatch(10, 0).room());
        assertEquals(10, new PacketBatch(10, 50).room());
        assertEquals(0, new PacketBatch(0).room());
    }
}
