package io.netspectra.report;

import java.util.Map;

/** The tests' short name for {@link JsonReader}: parses report text produced in a test. */
public final class Json {
    private Json() {
    }

    public static Object parse(String text) {
        return JsonReader.parse("test JSON", text);
    }

    public static Map<String, Object> object(String text) {
        return JsonReader.object("test JSON", text);
    }
}
