package io.netspectra.report;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.KeyLayout;
import io.netspectra.config.KeyField;

import java.util.List;

/** Renders one field of a packed key: addresses as text, ports and protocol as numbers. */
public final class KeyText {
    private KeyText() {
    }

    /** Returns whether the field is rendered as a JSON number (ports, protocol) rather than a string. */
    public static boolean isNumeric(KeyField f) {
        return f != KeyField.SRC_IP && f != KeyField.DST_IP;
    }

    /** Returns the numeric value of a port or protocol field of row {@code r}. */
    public static long number(FlowRows rows, int r, KeyField f) {
        return KeyLayout.field(rows.lastWord(r), f);
    }

    /** Returns the field of row {@code r} as text. */
    public static String text(FlowRows rows, int r, KeyField f) {
        if (isNumeric(f)) {
            return Long.toString(number(rows, r, f));
        }
        List<KeyField> fields = rows.task().keyFields();
        int w = KeyLayout.ipWords(fields, f);
        return IpText.of(KeyLayout.isIpv6(rows.lastWord(r)), rows.keyWord(r, w), rows.keyWord(r, w + 1));
    }
}
