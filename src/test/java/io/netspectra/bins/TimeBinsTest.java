package io.netspectra.bins;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.capture.Frame;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;
import io.netspectra.decode.DecodedPacket;
import io.netspectra.decode.PacketBatch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bin assignment, window ends and peaks, fed record by record as the ordered thread would. */
class TimeBinsTest {
    private static final long S = 1_000_000_000L;
    private static final TaskSpec BY_PROTOCOL = new TaskSpec("by_protocol", List.of(KeyField.PROTOCOL));

    private final TimeBins bins = new TimeBins(S, List.of(BY_PROTOCOL), null, true, 0);
    private final PacketBatch batch = new PacketBatch(64);

    private void packet(long ts, int protocol, int bytes) {
        DecodedPacket p = new DecodedPacket();
        p.protocol = protocol;
        batch.add(p, ts, bytes);
    }

    private BinnedTask finish(long windowStart, long windowEnd) {
        bins.accept(batch);
        batch.clear();
        bins.windowEnd(windowStart, windowEnd, true);
        return bins.results().get(0);
    }

    /** Returns the series as "binStartSeconds protocol packets bytes" lines. */
    private static List<String> lines(FlowRows s) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < s.size(); r++) {
            out.add(s.first(r) / S + " " + s.lastWord(r) + " " + s.packets(r) + " " + s.bytes(r));
        }
        return out;
    }

    @Test
    void binsAreAlignedToMultiplesOfTheBinAndOrderedByTimeThenBytes() {
        packet(10 * S + 500, 6, 100);
        packet(10 * S + 900, 17, 300);
        packet(11 * S, 6, 50);
        packet(13 * S + 1, 6, 70);
        BinnedTask t = finish(10 * S, 14 * S);
        assertEquals(List.of("10 17 1 300", "10 6 1 100", "11 6 1 50", "13 6 1 70"), lines(t.series()));
    }

    @Test
    void aPacketGoingBackInTimeCountsInTheOpenBin() {
        packet(20 * S + 10, 6, 100);
        packet(21 * S + 10, 6, 100);
        packet(20 * S + 20, 6, 40);   // back in time: stays in bin 21
        BinnedTask t = finish(20 * S, 22 * S);
        assertEquals(List.of("20 6 1 100", "21 6 2 140"), lines(t.series()));
    }

    @Test
    void packetsWithoutTimestampJoinTheOpenBinOrTheFirstOne() {
        packet(Frame.NO_TIMESTAMP, 1, 10);            // before any timestamp: joins the first bin (5)
        packet(5 * S + 3, 1, 20);
        packet(6 * S + 3, 1, 30);
        packet(Frame.NO_TIMESTAMP, 1, 40);            // joins the open bin (6)
        BinnedTask t = finish(5 * S, 7 * S);
        assertEquals(List.of("5 1 2 30", "6 1 2 70"), lines(t.series()));
    }

    @Test
    void aWindowEndClosesTheOpenBin() {
        packet(30 * S + 1, 6, 10);
        bins.accept(batch);
        batch.clear();
        bins.windowEnd(30 * S, 30 * S + S / 2 * 2, false);
        packet(30 * S + 2, 6, 20);                    // next window, back in time: a new bin of the same start
        BinnedTask t = finish(31 * S, 32 * S);
        assertEquals(List.of("30 6 1 10", "30 6 1 20"), lines(t.series()));
    }

    @Test
    void thePeakIsTheBinWithTheMostBytesAndTheEarliestAmongEquals() {
        packet(40 * S, 6, 100);
        packet(41 * S, 6, 60);
        packet(41 * S + 1, 6, 60);     // 120 bytes in 41
        packet(42 * S, 6, 30);
        packet(42 * S + 1, 6, 30);
        packet(42 * S + 2, 6, 30);
        packet(42 * S + 3, 6, 30);     // 120 bytes in 42: a tie, the earlier bin 41 stays the peak
        packet(43 * S, 17, 5);
        BinnedTask t = finish(40 * S, 44 * S);
        FlowRows keys = t.series();
        int tcp = t.peaks().find(keys, 0);
        assertEquals(41 * S, t.peaks().start(tcp));
        assertEquals(2, t.peaks().packets(tcp));
        assertEquals(120, t.peaks().bytes(tcp));
        int udp = t.peaks().find(keys, keys.size() - 1);
        assertEquals(43 * S, t.peaks().start(udp));
        assertEquals(5, t.peaks().bytes(udp));
    }

    @Test
    void peaksSpilledPastTheKeyLimitMergeBackToThePeaksWithoutLimit() {
        TimeBins limited = new TimeBins(S, List.of(BY_PROTOCOL), null, true, 3);
        TimeBins unlimited = new TimeBins(S, List.of(BY_PROTOCOL), null, true, 0);
        long seed = 12345;
        for (int bin = 0; bin < 60; bin++) {
            PacketBatch b = new PacketBatch(256);
            for (int k = 0; k < 200; k++) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                DecodedPacket p = new DecodedPacket();
                p.protocol = (int) ((seed >>> 33) % 40);
                b.add(p, 100 * S + bin * S + k, 40 + (int) ((seed >>> 20) & 0x3F));
            }
            limited.accept(b);
            unlimited.accept(b);
        }
        limited.windowEnd(100 * S, 160 * S, true);
        unlimited.windowEnd(100 * S, 160 * S, true);
        assertTrue(limited.peakSpills() > PeakSpills.MAX_RUNS, "spills " + limited.peakSpills());
        assertEquals(0, unlimited.peakSpills());
        BinnedTask a = limited.results().get(0);
        BinnedTask b = unlimited.results().get(0);
        assertEquals(lines(b.series()), lines(a.series()));
        FlowRows keys = b.series();
        int checked = 0;
        for (int r = 0; r < keys.size(); r++) {
            int ia = a.peaks().find(keys, r);
            int ib = b.peaks().find(keys, r);
            assertEquals(b.peaks().start(ib), a.peaks().start(ia), "key " + keys.lastWord(r));
            assertEquals(b.peaks().packets(ib), a.peaks().packets(ia));
            assertEquals(b.peaks().bytes(ib), a.peaks().bytes(ia));
            checked++;
        }
        assertEquals(40, a.peaks().size());
        assertTrue(checked > 1000);
    }
}
