package io.netspectra.report;

/** Formats nanosecond timestamps as {@code "<seconds>.<9 digits>"}, the text every report and file uses. */
public final class TimeText {
    private TimeText() {
    }

    /** Returns e.g. {@code 1639650442.645225000} for 1639650442645225000 ns. */
    public static String format(long nanos) {
        long seconds = Math.floorDiv(nanos, 1_000_000_000L);
        long frac = Math.floorMod(nanos, 1_000_000_000L);
        StringBuilder sb = new StringBuilder(20).append(seconds).append('.');
        String f = Long.toString(frac);
        for (int i = f.length(); i < 9; i++) {
            sb.append('0');
        }
        return sb.append(f).toString();
    }
}
