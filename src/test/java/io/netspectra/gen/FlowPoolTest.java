package io.netspectra.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlowPoolTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 100, 5_000})
    void givesEveryFlowAndDirectionItsOwnFiveTuple(int flows) throws UnknownHostException {
        FlowPool pool = new FlowPool(flows, 1.1, 99);
        Flow flow = new Flow();
        Set<String> tuples = new HashSet<>();

        for (int index = 0; index < flows; index++) {
            pool.describe(index, flow);
            String client = address(flow, true);
            String server = address(flow, false);
            tuples.add(client + "|" + server + "|" + flow.protocol + "|" + ports(flow, true));
            tuples.add(server + "|" + client + "|" + flow.protocol + "|" + ports(flow, false));
        }

        assertEquals(2 * flows, tuples.size());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 5_000})
    void keepsClientsInTenSlashNineAndEphemeralPorts(int flows) {
        FlowPool pool = new FlowPool(flows, 1.1, 5);
        Flow flow = new Flow();

        for (int index = 0; index < flows; index++) {
            pool.describe(index, flow);
            assertEquals(0x0a, flow.clientIpv4 >>> 24, "client in 10.0.0.0/8");
            assertEquals(0, flow.clientIpv4 >>> 23 & 1, "client in 10.0.0.0/9");
            assertEquals(0x20010db8, BigEndianTestBytes.int32(flow.clientIpv6, 0), "client in 2001:db8::/32");
            assertEquals(0x20010db8, BigEndianTestBytes.int32(flow.serverIpv6, 0), "server in 2001:db8::/32");
            assertTrue(flow.clientPort >= 1024 && flow.clientPort <= 65535, "ephemeral port " + flow.clientPort);
        }
    }

    private static String address(Flow flow, boolean client) throws UnknownHostException {
        if (flow.ipv6) {
            return InetAddress.getByAddress(client ? flow.clientIpv6 : flow.serverIpv6).getHostAddress();
        }
        int a = client ? flow.clientIpv4 : flow.serverIpv4;
        return (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
    }

    private static String ports(Flow flow, boolean fromClient) {
        if (flow.service.port() == 0) {
            return "0|0";
        }
        return fromClient ? flow.clientPort + "|" + flow.serverPort : flow.serverPort + "|" + flow.clientPort;
    }

    /** Reads big-endian integers from address bytes. */
    private static final class BigEndianTestBytes {
        static int int32(byte[] b, int off) {
            return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | b[off + 3] & 0xff;
        }
    }
}
