package io.netspectra.gen;

/**
 * Decides each flow's IP version, service and VLAN tagging so that the shares of packets, not only of flows, come
 * close to the targets (IPv4 74% of IP flows, services as {@link Service} gives, 10% 802.1Q, 2% QinQ) for every seed.
 *
 * <p>Under Zipf popularity a few flows carry most packets (the first of 100,000 at exponent 1.1 carries 13%), so
 * independent draws would let one seed's mix stray far from the targets. The {@link #TABLE_RANKS} most popular flows
 * are therefore apportioned in popularity order: each goes to the class furthest behind its target share of the
 * popularity weight so far (with a seeded jitter below the flow's own weight, so seeds differ), and the mix of packets
 * stays within about one flow's weight of the targets. Less popular flows follow Kronecker sequences over the index
 * (steps: the fractional parts of the square roots of 2 and 3), which spread every class evenly along the pool.
 */
final class FlowMix {
    /** The number of most popular flows whose classes are apportioned and kept in tables. */
    static final int TABLE_RANKS = 4096;

    private static final double IPV4_SHARE = 0.74;
    /** Untagged, 802.1Q, QinQ. */
    private static final double[] VLAN_TARGETS = {0.88, 0.10, 0.02};
    private static final Service[] SERVICES = Service.values();
    /** Class c is IPv6 where c >= SERVICES.length, with service SERVICES[c % SERVICES.length]. */
    private static final double[] CLASS_TARGETS = classTargets();

    private static final long CLASS_STEP = 0x6a09e667f3bcc908L;
    private static final long VLAN_STEP = 0xbb67ae8584caa73bL;

    private final byte[] classes;
    private final byte[] vlans;
    private final long classStart;
    private final long vlanStart;

    FlowMix(int flows, double zipfExponent, long key) {
        int ranks = Math.min(flows, TABLE_RANKS);
        this.classes = apportion(ranks, zipfExponent, CLASS_TARGETS, key);
        this.vlans = apportion(ranks, zipfExponent, VLAN_TARGETS, ~key);
        this.classStart = SplitMix64.mix(key + 1);
        this.vlanStart = SplitMix64.mix(key + 2);
    }

    /** Returns true where flow {@code index} is IPv6. */
    boolean ipv6(int index) {
        return classOf(index) >= SERVICES.length;
    }

    /** Returns the service of flow {@code index}. */
    Service service(int index) {
        return SERVICES[classOf(index) % SERVICES.length];
    }

    /** Returns the VLAN tags of flow {@code index}: 0, 1 (802.1Q) or 2 (QinQ). */
    int vlanTags(int index) {
        if (index < vlans.length) {
            return vlans[index];
        }
        return pick(VLAN_TARGETS, SplitMix64.unit(vlanStart + (index + 1L) * VLAN_STEP));
    }

    private int classOf(int index) {
        if (index < classes.length) {
            return classes[index];
        }
        return pick(CLASS_TARGETS, SplitMix64.unit(classStart + (index + 1L) * CLASS_STEP));
    }

    /** Returns the class whose cumulative target interval holds {@code u}. */
    private static int pick(double[] targets, double u) {
        double cumulative = 0;
        for (int c = 0; c < targets.length - 1; c++) {
            cumulative += targets[c];
            if (u < cumulative) {
                return c;
            }
        }
        return targets.length - 1;
    }

    /**
     * Gives ranks 0..ranks-1, in order, the class furthest behind its target share of the Zipf weight assigned so
     * far; a jitter of up to the rank's own weight, hashed from {@code key}, breaks near-ties differently per seed.
     */
    private static byte[] apportion(int ranks, double exponent, double[] targets, long key) {
        byte[] chosen = new byte[ranks];
        double[] assigned = new double[targets.length];
        double total = 0;
        for (int rank = 0; rank < ranks; rank++) {
            double weight = StrictMath.pow(rank + 1.0, -exponent);
            total += weight;
            int best = 0;
            double bestDeficit = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < targets.length; c++) {
                double jitter = weight * targets[c] * SplitMix64.unit(SplitMix64.mix(key + rank * 64L + c));
                double deficit = targets[c] * total - assigned[c] + jitter;
                if (deficit > bestDeficit) {
                    bestDeficit = deficit;
                    best = c;
                }
            }
            assigned[best] += weight;
            chosen[rank] = (byte) best;
        }
        return chosen;
    }

    private static double[] classTargets() {
        double[] targets = new double[2 * SERVICES.length];
        for (Service service : SERVICES) {
            targets[service.ordinal()] = IPV4_SHARE * service.share();
            targets[SERVICES.length + service.ordinal()] = (1 - IPV4_SHARE) * service.share();
        }
        return targets;
    }
}
