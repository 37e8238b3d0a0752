package io.netspectra.report;

import io.netspectra.NetSpectraException.InputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON text (RFC 8259) into plain values: objects to {@link LinkedHashMap} (document order), arrays to
 * {@link List}, integers to {@link Long}, other numbers to {@link Double}, {@code true}/{@code false} to
 * {@link Boolean}, {@code null} to null. Malformed text is an {@link InputException} naming the source and the
 * character offset of the problem.
 */
public final class JsonReader {
    private final String source;
    private final String s;
    private int i;

    private JsonReader(String source, String text) {
        this.source = source;
        this.s = text;
    }

    /** Returns the value of the whole document {@code text}; {@code source} names it in error messages. */
    public static Object parse(String source, String text) {
        JsonReader j = new JsonReader(source, text);
        Object v = j.value();
        j.ws();
        if (j.i != text.length()) {
            throw j.error("unexpected data after the document");
        }
        return v;
    }

    /** Returns the document {@code text}, which must be an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String source, String text) {
        Object v = parse(source, text);
        if (!(v instanceof Map)) {
            throw new InputException(source + ": invalid JSON at offset 0: expected an object");
        }
        return (Map<String, Object>) v;
    }

    private Object value() {
        ws();
        switch (peek()) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object() {
        i++;
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (peek() == '}') {
            i++;
            return m;
        }
        while (true) {
            ws();
            if (peek() != '"') {
                throw error("expected a string key");
            }
            String k = string();
            ws();
            expect(':');
            m.put(k, value());
            ws();
            if (peek() == ',') {
                i++;
            } else {
                expect('}');
                return m;
            }
        }
    }

    private List<Object> array() {
        i++;
        List<Object> l = new ArrayList<>();
        ws();
        if (peek() == ']') {
            i++;
            return l;
        }
        while (true) {
            l.add(value());
            ws();
            if (peek() == ',') {
                i++;
            } else {
                expect(']');
                return l;
            }
        }
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, i)) {
            throw error("expected " + word);
        }
        i += word.length();
        return v;
    }

    private Object number() {
        int start = i;
        while (i < s.length() && "-+0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        String num = s.substring(start, i);
        if (num.isEmpty()) {
            i = start;
            throw error(i < s.length() ? "unexpected character '" + s.charAt(i) + "'" : "unexpected end of input");
        }
        try {
            if (num.contains(".") || num.contains("e") || num.contains("E")) {
                return Double.parseDouble(num);
            }
            return Long.parseLong(num);
        } catch (NumberFormatException e) {
            i = start;
            throw error("bad number '" + num + "'");
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case '"', '\\', '/' -> sb.append(e);
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw error("unexpected end of input in \\u escape");
                    }
                    try {
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    i += 4;
                }
                default -> {
                    i--;
                    throw error("bad escape '\\" + e + "'");
                }
            }
        }
    }

    private char peek() {
        if (i >= s.length()) {
            throw error("unexpected end of input");
        }
        return s.charAt(i);
    }

    private char next() {
        char c = peek();
        i++;
        return c;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "', found '" + s.charAt(i) + "'");
        }
        i++;
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private InputException error(String what) {
        return new InputException(source + ": invalid JSON at offset " + i + ": " + what);
    }
}
