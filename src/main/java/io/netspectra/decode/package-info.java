/**
 * Raw frames to packet records.
 *
 * <p>Enters: the bytes of one frame and its link type. Leaves: a {@link io.netspectra.decode.DecodedPacket} (the
 * outermost IP header's addresses, protocol and ports, following {@code shared/testdata/real/ORACLE.md}) and an
 * outcome: IP, non-IP, or an unsupported link type. Every read is bounds-checked against the captured length; a
 * short frame is an outcome, never an exception. Nothing is allocated per frame.
 *
 * <p>Threads: a decoder and its output record belong to one thread (the pipeline's reader thread).
 */
package io.netspectra.decode;
