package io.netspectra.aggregate;

import io.netspectra.config.KeyField;
import io.netspectra.decode.PacketBatch;

import java.util.List;

/**
 * Packs a task's key fields into a fixed number of longs.
 *
 * <pre>
 * words, in this order, each present only when the task keys on it:
 *   SrcIP  : src high 64 bits, src low 64 bits   (IPv4: 0, address)
 *   DstIP  : dst high 64 bits, dst low 64 bits
 *   always : the last word
 *            bits  0..7  Protocol
 *            bits  8..23 SrcPort
 *            bits 24..39 DstPort
 *            bit  40     IPv6 (set only when the key has an IP field, so IPv4 1.2.3.4 and IPv6 ::102:304 differ)
 * </pre>
 *
 * <p>That is the <em>wide</em> form, which rows, snapshot files and run totals use. A key with an address field also
 * has an <em>IPv4</em> form, for records whose addresses are IPv4, which the window tables use to hold such keys in
 * fewer words ({@link #ipv4Width()}: a five-tuple in 2 instead of 5, an address in 1 instead of 3):
 * <pre>
 *   word 0 : SrcIP &lt;&lt; 32 | DstIP when the key has both, else its one address
 *   word 1 : the wide form's last word, present only when the key has a port or the protocol
 * </pre>
 */
public final class KeyLayout {
    static final int PROTOCOL_SHIFT = 0;
    static final int SRC_PORT_SHIFT = 8;
    static final int DST_PORT_SHIFT = 24;
    static final int IPV6_SHIFT = 40;

    private final boolean srcIp;
    private final boolean dstIp;
    private final boolean srcPort;
    private final boolean dstPort;
    private final boolean protocol;
    private final int width;
    private final int ipv4Width;
    private final int directShift;
    private final int directBits;
    /** The bits of the last word the layout keeps ({@link #lastWordMask()}). */
    private final long lastWordMask;

    /** Creates the layout for a task keyed on {@code fields}. */
    public KeyLayout(List<KeyField> fields) {
        srcIp = fields.contains(KeyField.SRC_IP);
        dstIp = fields.contains(KeyField.DST_IP);
        srcPort = fields.contains(KeyField.SRC_PORT);
        dstPort = fields.contains(KeyField.DST_PORT);
        protocol = fields.contains(KeyField.PROTOCOL);
        width = (srcIp ? 2 : 0) + (dstIp ? 2 : 0) + 1;
        ipv4Width = !srcIp && !dstIp ? 0 : 1 + (protocol || srcPort || dstPort ? 1 : 0);
        boolean single = !srcIp && !dstIp && (protocol ? 1 : 0) + (srcPort ? 1 : 0) + (dstPort ? 1 : 0) == 1;
        directShift = !single ? -1 : protocol ? PROTOCOL_SHIFT : srcPort ? SRC_PORT_SHIFT : DST_PORT_SHIFT;
        directBits = !single ? 0 : protocol ? 8 : 16;
        lastWordMask = keptLastWordBits();
    }

    /**
     * Returns whether the key is one small field (Protocol, SrcPort or DstPort alone), so a table can index it
     * directly: the packed key is {@code value << }{@link #directShift()}, the value below {@code 1 << }
     * {@link #directBits()}.
     */
    public boolean isDirect() {
        return directShift >= 0;
    }

    /** Returns the shift of a direct key's value within its one word; -1 when the key is not direct. */
    public int directShift() {
        return directShift;
    }

    /** Returns the number of bits of a direct key's value; 0 when the key is not direct. */
    public int directBits() {
        return directBits;
    }

    /** Returns record {@code i} of {@code batch}'s direct key value (the packed key is that {@code << shift}). */
    public int directValue(PacketBatch batch, int i) {
        return protocol ? batch.protocol(i) : srcPort ? batch.srcPort(i) : batch.dstPort(i);
    }

    /** Returns the number of longs in a key's IPv4 form, or 0 when the key has no address field (no IPv4 form). */
    public int ipv4Width() {
        return ipv4Width;
    }

    /**
     * Returns whether record {@code i} of {@code batch} has an IPv4 form: the key has an address field and the
     * record's addresses are IPv4 (high words 0, low words below 2^32).
     */
    public boolean fitsIpv4(PacketBatch batch, int i) {
        return ipv4Width > 0 && !batch.ipv6(i) && (batch.srcHi(i) | batch.dstHi(i)) == 0
                && ((batch.srcLo(i) | batch.dstLo(i)) >>> 32) == 0;
    }

    /**
     * Writes record {@code i}'s key in its IPv4 form into {@code key[from, from + ipv4Width())} and returns the
     * hash of that form; only for a record {@link #fitsIpv4}.
     */
    public long packIpv4(PacketBatch batch, int i, long[] key, int from) {
        key[from] = srcIp && dstIp ? batch.srcLo(i) << 32 | batch.dstLo(i) : srcIp ? batch.srcLo(i) : batch.dstLo(i);
        if (ipv4Width == 2) {
            key[from + 1] = lastWord(batch, i);
        }
        return hash(key, from, ipv4Width);
    }

    /** Writes the wide form of the IPv4-form key {@code v4[from, from + ipv4Width())} into {@code wide[to, to + width)}. */
    public void widen(long[] v4, int from, long[] wide, int to) {
        long a = v4[from];
        int w = to;
        if (srcIp) {
            wide[w++] = 0;
            wide[w++] = dstIp ? a >>> 32 : a;
        }
        if (dstIp) {
            wide[w++] = 0;
            wide[w++] = srcIp ? a & 0xFFFF_FFFFL : a;
        }
        wide[w] = ipv4Width == 2 ? v4[from + 1] : 0;
    }

    /**
     * Returns whether this layout keys on every field {@code other} keys on (and maybe more), so {@link KeyProjection}
     * derives {@code other}'s key from this one's.
     */
    public boolean covers(KeyLayout other) {
        return (srcIp || !other.srcIp) && (dstIp || !other.dstIp) && (srcPort || !other.srcPort)
                && (dstPort || !other.dstPort) && (protocol || !other.protocol);
    }

    /** Returns the number of fields the layout keys on. */
    public int fieldCount() {
        return (srcIp ? 1 : 0) + (dstIp ? 1 : 0) + (srcPort ? 1 : 0) + (dstPort ? 1 : 0) + (protocol ? 1 : 0);
    }

    /**
     * Returns, for each address word of this layout's wide key in order, the index of the same word in the wide key of
     * {@code source}, which must {@link #covers cover} this layout (see {@link KeyProjection}).
     */
    int[] addressWordsIn(KeyLayout source) {
        int[] at = new int[width - 1];
        int w = 0;
        if (srcIp) {
            at[w++] = 0;
            at[w++] = 1;
        }
        if (dstIp) {
            int d = source.srcIp ? 2 : 0;
            at[w++] = d;
            at[w++] = d + 1;
        }
        return at;
    }

    /** Returns the bits of the last word this layout keeps: its fields', and the IPv6 bit when it has an address. */
    long lastWordMask() {
        return lastWordMask;
    }

    /** Returns a direct key's value (see {@link #isDirect()}) from a wide key's last word of any layout covering it. */
    int directValue(long lastWord) {
        return (int) (lastWord >>> directShift) & ((1 << directBits) - 1);
    }

    /** Computes {@link #lastWordMask()}, once, in the constructor. */
    private long keptLastWordBits() {
        long mask = 0;
        if (protocol) {
            mask |= 0xFFL << PROTOCOL_SHIFT;
        }
        if (srcPort) {
            mask |= 0xFFFFL << SRC_PORT_SHIFT;
        }
        if (dstPort) {
            mask |= 0xFFFFL << DST_PORT_SHIFT;
        }
        if (srcIp || dstIp) {
            mask |= 1L << IPV6_SHIFT;
        }
        return mask;
    }

    /** Returns whether {@code other} keys on the same fields, so it packs every record into the same words. */
    public boolean sameFields(KeyLayout other) {
        return srcIp == other.srcIp && dstIp == other.dstIp && srcPort == other.srcPort && dstPort == other.dstPort
                && protocol == other.protocol;
    }

    /** Returns the number of longs in a packed key. */
    public int width() {
        return width;
    }

    /** Writes record {@code i} of {@code batch}'s key into {@code key[0, width)} and returns its hash. */
    public long pack(PacketBatch batch, int i, long[] key) {
        return pack(batch, i, key, 0);
    }

    /** Writes record {@code i} of {@code batch}'s key into {@code key[from, from + width)} and returns its hash. */
    public long pack(PacketBatch batch, int i, long[] key, int from) {
        int w = from;
        if (srcIp) {
            key[w++] = batch.srcHi(i);
            key[w++] = batch.srcLo(i);
        }
        if (dstIp) {
            key[w++] = batch.dstHi(i);
            key[w++] = batch.dstLo(i);
        }
        long last = lastWord(batch, i);
        if ((srcIp || dstIp) && batch.ipv6(i)) {
            last |= 1L << IPV6_SHIFT;
        }
        key[w] = last;
        return hash(key, from, width);
    }

    /** Returns the last word's protocol and port fields of record {@code i} (without the IPv6 bit). */
    private long lastWord(PacketBatch batch, int i) {
        long last = 0;
        if (protocol) {
            last |= (long) batch.protocol(i) << PROTOCOL_SHIFT;
        }
        if (srcPort) {
            last |= (long) batch.srcPort(i) << SRC_PORT_SHIFT;
        }
        if (dstPort) {
            last |= (long) batch.dstPort(i) << DST_PORT_SHIFT;
        }
        return last;
    }

    /** Returns the hash of the packed key {@code words[from, from + width)}; the top 8 bits choose the stripe. */
    public static long hash(long[] words, int from, int width) {
        long h = 0x9E37_79B9_7F4A_7C15L;
        for (int i = from; i < from + width; i++) {
            h = (h ^ words[i]) * 0xBF58_476D_1CE4_E5B9L;
            h ^= h >>> 29;
        }
        h *= 0x94D0_49BB_1331_11EBL;
        return h ^ (h >>> 32);
    }

    /** Returns the key's {@code field} value as a number: the address words are read with {@link #ipWords}. */
    public static long field(long lastWord, KeyField field) {
        return switch (field) {
            case PROTOCOL -> (lastWord >>> PROTOCOL_SHIFT) & 0xFF;
            case SRC_PORT -> (lastWord >>> SRC_PORT_SHIFT) & 0xFFFF;
            case DST_PORT -> (lastWord >>> DST_PORT_SHIFT) & 0xFFFF;
            default -> throw new IllegalArgumentException(field + " is an address");
        };
    }

    /** Returns whether the packed key's addresses are IPv6. */
    public static boolean isIpv6(long lastWord) {
        return (lastWord >>> IPV6_SHIFT & 1) != 0;
    }

    /** Returns the index of the first of the two words of {@code field} (SrcIP or DstIP) within a packed key. */
    public static int ipWords(List<KeyField> fields, KeyField field) {
        if (field == KeyField.SRC_IP) {
            return 0;
        }
        return fields.contains(KeyField.SRC_IP) ? 2 : 0;
    }
}
