package io.netspectra.connections;

/** TCP flag bits as in the flags byte of the TCP header, and their text. */
public final class TcpFlags {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;
    private static final String LETTERS = "CEUAPRSF";

    private TcpFlags() {
    }

    /**
     * Returns nfdump's eight-character form: {@code CEUAPRSF} with a dot for each flag not set, e.g.
     * {@code ...AP.SF}.
     */
    public static String text(int flags) {
        char[] c = new char[8];
        for (int i = 0; i < 8; i++) {
            c[i] = (flags & (0x80 >>> i)) != 0 ? LETTERS.charAt(i) : '.';
        }
        return new String(c);
    }
}
