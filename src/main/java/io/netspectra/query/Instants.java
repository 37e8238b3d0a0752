package io.netspectra.query;

import io.netspectra.NetSpectraException.ConfigException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the instants users type for {@code --from}/{@code --to}: epoch seconds with up to nine fraction digits
 * (the {@code "<seconds>.<9 digits>"} text every report prints) or an ISO-8601 instant such as
 * {@code 2024-03-01T12:00:00Z} or {@code 2024-03-01T13:00:00+01:00}.
 */
public final class Instants {
    private static final Pattern EPOCH = Pattern.compile("(-?\\d{1,12})(?:\\.(\\d{1,9}))?");

    private Instants() {
    }

    /** Returns the instant as ns since the epoch; {@code option} names it in the error message. */
    public static long parseNanos(String option, String text) {
        String t = text.trim();
        Matcher m = EPOCH.matcher(t);
        if (m.matches()) {
            long seconds = Long.parseLong(m.group(1));
            String frac = m.group(2) == null ? "" : m.group(2);
            long nanos = frac.isEmpty() ? 0 : Long.parseLong((frac + "00000000").substring(0, 9));
            return seconds * 1_000_000_000L + (seconds < 0 ? -nanos : nanos);
        }
        Instant instant;
        try {
            instant = Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                instant = OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                throw new ConfigException("bad " + option + " '" + text + "', expected epoch seconds such as "
                        + "1709294400.000000000 or an ISO-8601 instant such as 2024-03-01T12:00:00Z");
            }
        }
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
