package io.netspectra;

import io.netspectra.NetSpectraException.InputException;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NetSpectraExceptionTest {

    @Test
    void rethrowThrowsAnUncheckedFailureAsItIsSoItsExitCodeStays() {
        InputException failure = new InputException("x.pcap: not a capture");
        assertSame(failure, assertThrows(InputException.class, () -> NetSpectraException.rethrow("worker", failure)));
        OutOfMemoryError error = new OutOfMemoryError("Java heap space");
        assertSame(error, assertThrows(OutOfMemoryError.class, () -> NetSpectraException.rethrow("worker", error)));
    }

    @Test
    void rethrowWrapsACheckedFailureNamingWhatFailed() {
        IOException failure = new IOException("disk gone");
        NetSpectraException e = assertThrows(NetSpectraException.class,
                () -> NetSpectraException.rethrow("snapshot writer", failure));
        assertEquals("snapshot writer failed: java.io.IOException: disk gone", e.getMessage());
        assertSame(failure, e.getCause());
    }

    @Test
    void rethrowOfNoFailureDoesNothing() {
        assertDoesNotThrow(() -> NetSpectraException.rethrow("worker", null));
    }
}
