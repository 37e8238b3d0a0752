package io.netspectra.report;

/**
 * Writes compact, deterministic JSON into a {@link StringBuilder}: objects keep insertion order, strings are escaped
 * per RFC 8259, no floating point is ever written.
 */
public final class JsonWriter {
    private final StringBuilder out;
    private final boolean pretty;
    private int depth;
    private boolean needComma;
    private boolean afterName;

    public JsonWriter(StringBuilder out, boolean pretty) {
        this.out = out;
        this.pretty = pretty;
    }

    public JsonWriter beginObject() {
        return open('{');
    }

    public JsonWriter endObject() {
        return close('}');
    }

    public JsonWriter beginArray() {
        return open('[');
    }

    public JsonWriter endArray() {
        return close(']');
    }

    private JsonWriter open(char c) {
        value();
        out.append(c);
        depth++;
        needComma = false;
        return this;
    }

    private JsonWriter close(char c) {
        depth--;
        if (needComma) {
            newline();
        }
        out.append(c);
        needComma = true;
        return this;
    }

    public JsonWriter name(String name) {
        if (needComma) {
            out.append(',');
        }
        newline();
        string(name);
        out.append(pretty ? ": " : ":");
        needComma = false;
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        value();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        needComma = true;
        return this;
    }

    public JsonWriter value(long n) {
        value();
        out.append(n);
        needComma = true;
        return this;
    }

    public JsonWriter value(boolean b) {
        value();
        out.append(b);
        needComma = true;
        return this;
    }

    public JsonWriter nullValue() {
        value();
        out.append("null");
        needComma = true;
        return this;
    }

    public JsonWriter field(String name, String s) {
        return name(name).value(s);
    }

    public JsonWriter field(String name, long n) {
        return name(name).value(n);
    }

    /** Writes a count that may be unknown: {@code null} when negative. */
    public JsonWriter fieldOrNull(String name, long n) {
        return n < 0 ? name(name).nullValue() : name(name).value(n);
    }

    /** Writes an exact decimal as a JSON number, e.g. {@code 1500} or {@code 0.333}; never a floating-point value. */
    public JsonWriter field(String name, java.math.BigDecimal d) {
        name(name);
        value();
        out.append(d.toPlainString());
        needComma = true;
        return this;
    }

    public JsonWriter field(String name, boolean b) {
        return name(name).value(b);
    }

    private void value() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (needComma) {
            out.append(',');
        }
        if (depth > 0) {
            newline();
        }
    }

    private void newline() {
        if (pretty) {
            out.append('\n');
            out.append("  ".repeat(Math.max(0, depth)));
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
