package io.netspectra.capture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads unsigned and signed integers in a byte order chosen per file (or per pcapng section), at absolute positions
 * of a buffer whatever the buffer's own order.
 */
final class WireOrder {
    private static final VarHandle INT_BE = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE =
            MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE =
            MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT_LE =
            MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private WireOrder() {
    }

    static int int32(ByteBuffer b, int off, boolean bigEndian) {
        return bigEndian ? (int) INT_BE.get(b, off) : (int) INT_LE.get(b, off);
    }

    static long uint32(ByteBuffer b, int off, boolean bigEndian) {
        return int32(b, off, bigEndian) & 0xFFFF_FFFFL;
    }

    static int uint16(ByteBuffer b, int off, boolean bigEndian) {
        return (bigEndian ? (short) SHORT_BE.get(b, off) : (short) SHORT_LE.get(b, off)) & 0xFFFF;
    }
}
