package io.netspectra.gen;

/**
 * Derives every field of flow {@code index} of the pool from the seed alone, so no per-flow table is kept and any
 * pool size up to {@link GenSpec#MAX_FLOWS} costs no memory.
 *
 * <p>Guarantees: distinct flows have distinct five-tuples in each direction, and a flow's two directions differ.
 * Flows map one-to-one onto (client, slot) pairs with at most {@link #FLOWS_PER_CLIENT} slots per client; a client's
 * slots get distinct ephemeral ports, and flows without ports get distinct servers. Addresses map one-to-one onto
 * clients and onto servers, and client and server addresses come from disjoint ranges.
 *
 * <p>{@link FlowMix} decides each flow's IP version, service and VLAN tagging; everything else is hashed from
 * (seed, index).
 */
final class FlowPool {
    static final int FLOWS_PER_CLIENT = 4;

    private static final double PUBLIC_SERVER_SHARE = 0.4;

    private static final int FLOWS_PER_SERVER = 25;
    private static final int MIN_SERVERS = 8;
    private static final int MAX_SERVERS = 262_144;
    private static final int EPHEMERAL_FIRST = 1024;
    private static final int EPHEMERAL_COUNT = 65536 - EPHEMERAL_FIRST;
    private static final int CLIENT_PORT_STRIDE = 7919;

    /** Clients live in 10.0.0.0/9, private servers in 10.128.0.0/9; each half holds 2^23 - 2 hosts. */
    private static final int CLIENT_NET = 0x0a000000;
    private static final int PRIVATE_SERVER_NET = 0x0a800000;
    private static final int HALF_NET_BITS = 23;
    private static final int HALF_NET_HOSTS = (1 << HALF_NET_BITS) - 2;
    /** Public-looking /16 networks for the other servers: 93.184, 104.16, 142.250, 151.101, 185.199, 52.84. */
    private static final int[] PUBLIC_NETS = {0x5db80000, 0x68100000, 0x8efa0000, 0x97650000, 0xb9c70000, 0x34540000};
    private static final int[] CUSTOMER_VLANS = {10, 20, 30, 40, 100, 200, 300, 400};
    private static final int[] SERVICE_VLANS = {1000, 2000, 3000};
    private static final int[] INITIAL_TTLS = {64, 128, 255};
    private static final long GATEWAY_MAC = 0x02005e000001L;
    private static final long CLIENT_MAC_PREFIX = 0x020000000000L;
    private static final long SERVER_MAC_PREFIX = 0x025e00000000L;

    private static final int SALT_CLIENT = 1;
    private static final int SALT_SERVER = 2;
    private static final int SALT_SITE = 3;
    private static final int SALT_FLOW = 4;
    private static final int SALT_SESSION = 5;

    private final int flows;
    private final int clients;
    private final int servers;
    private final long key;
    private final long permutationFactor;
    private final long permutationOffset;
    private final FlowMix mix;

    FlowPool(int flows, double zipfExponent, long seed) {
        this.flows = flows;
        this.clients = (flows + FLOWS_PER_CLIENT - 1) / FLOWS_PER_CLIENT;
        this.servers = Math.min(MAX_SERVERS, Math.max(MIN_SERVERS, flows / FLOWS_PER_SERVER));
        SplitMix64 keys = new SplitMix64(seed);
        this.key = keys.nextLong();
        long factor = 1 + Long.remainderUnsigned(keys.nextLong(), flows);
        while (gcd(factor, flows) != 1) {
            factor = factor % flows + 1;
        }
        this.permutationFactor = factor;
        this.permutationOffset = Long.remainderUnsigned(keys.nextLong(), flows);
        this.mix = new FlowMix(flows, zipfExponent, keys.nextLong());
    }

    /** Fills {@code flow} with every field of flow {@code index}, 0 to flows - 1. */
    void describe(int index, Flow flow) {
        flow.ipv6 = mix.ipv6(index);
        flow.service = mix.service(index);
        flow.protocol = flow.service.protocol(flow.ipv6);
        flow.vlanTags = mix.vlanTags(index);

        long flowHash = hash(index, SALT_FLOW);
        flow.innerVlanId = CUSTOMER_VLANS[(int) (flowHash & 7)];
        flow.outerVlanId = SERVICE_VLANS[(int) ((flowHash >>> 3 & 0xff) % SERVICE_VLANS.length)];
        flow.flowLabel = (int) (flowHash >>> 12) & 0xfffff;
        flow.clientIsn = (int) (flowHash >>> 32);
        long sessionHash = hash(index, SALT_SESSION);
        flow.sessionId = (int) sessionHash;
        flow.serverIsn = (int) (sessionHash >>> 32);

        int slotted = (int) ((permutationFactor * index + permutationOffset) % flows);
        int client = slotted % clients;
        int slot = slotted / clients;
        long clientHash = hash(client, SALT_CLIENT);
        describeClient(client, clientHash, flow);
        flow.clientPort = EPHEMERAL_FIRST + Math.floorMod((clientHash >>> 16) + (long) slot * CLIENT_PORT_STRIDE,
                EPHEMERAL_COUNT);

        int server;
        if (flow.service.port() == 0) {
            server = (int) Math.floorMod((clientHash >>> 1) + slot, (long) servers);
        } else {
            double u = SplitMix64.unit(flowHash * 0x9e3779b97f4a7c15L);
            server = (int) (u * u * servers);
        }
        describeServer(server, flow);
        flow.serverPort = flow.service.port();
    }

    /** Returns the IPv4 address of client {@code client}, 0 to {@link #clients()} - 1. */
    int clientIpv4(int client) {
        return CLIENT_NET + 1 + halfNetHost(client, key);
    }

    /** Returns the MAC address of client {@code client} in the low 48 bits. */
    long clientMac(int client) {
        return CLIENT_MAC_PREFIX | client;
    }

    /** Returns the number of clients behind the flows. */
    int clients() {
        return clients;
    }

    private void describeClient(int client, long clientHash, Flow flow) {
        flow.clientIpv4 = clientIpv4(client);
        flow.clientMac = clientMac(client);
        flow.clientTtl = (clientHash & 0x100000) == 0 ? 64 : 128;
        long siteHash = hash(client >>> 8, SALT_SITE);
        byte[] a = flow.clientIpv6;
        putDocumentationPrefix(a);
        BigEndian.put32(a, 4, (int) (siteHash >>> 32) & 0x7fffffff);
        BigEndian.put32(a, 8, (int) clientHash);
        BigEndian.put32(a, 12, client);
    }

    private void describeServer(int server, Flow flow) {
        long serverHash = hash(server, SALT_SERVER);
        boolean publicServer = SplitMix64.unit(serverHash) < PUBLIC_SERVER_SHARE;
        int hops;
        if (publicServer) {
            flow.serverIpv4 = PUBLIC_NETS[server % PUBLIC_NETS.length] | (1 + server / PUBLIC_NETS.length);
            flow.serverMac = GATEWAY_MAC;
            hops = 5 + (int) ((serverHash >>> 8 & 0xff) % 20);
        } else {
            flow.serverIpv4 = PRIVATE_SERVER_NET + 1 + halfNetHost(server, ~key);
            flow.serverMac = SERVER_MAC_PREFIX | server;
            hops = (int) ((serverHash >>> 8 & 0xff) % 3);
        }
        flow.serverTtl = INITIAL_TTLS[(int) ((serverHash >>> 16 & 0xff) % INITIAL_TTLS.length)] - hops;
        byte[] a = flow.serverIpv6;
        putDocumentationPrefix(a);
        BigEndian.put32(a, 4, (int) (serverHash >>> 32) | 0x80000000);
        BigEndian.put32(a, 8, 0);
        BigEndian.put32(a, 12, server + 1);
    }

    /** Writes 2001:db8::/32, the documentation prefix, into the first four bytes. */
    private static void putDocumentationPrefix(byte[] address) {
        BigEndian.put32(address, 0, 0x20010db8);
    }

    /**
     * Returns a host number in [0, 2^23 - 2) for {@code host} in the same range, a bijection keyed by {@code k}: a
     * keyed mixing of 23-bit values, repeated until it falls in range (cycle walking keeps it one-to-one).
     */
    private static int halfNetHost(int host, long k) {
        int x = host;
        do {
            x = mix23(x, k);
        } while (x >= HALF_NET_HOSTS);
        return x;
    }

    private static int mix23(int value, long k) {
        int mask = (1 << HALF_NET_BITS) - 1;
        int x = (value ^ (int) k) & mask;
        x = (x * 0x2c1b3c6d) & mask;
        x ^= x >>> 12;
        x = (x * 0x297a2d39) & mask;
        x ^= x >>> 11;
        return x;
    }

    private long hash(long value, int salt) {
        return SplitMix64.mix(key ^ (value * 0x9e3779b97f4a7c15L + salt * 0xd1b54a32d192ed03L));
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
