package io.netspectra.report;

import io.netspectra.NetSpectraException.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonReaderTest {

    @Test
    void parsesObjectsArraysNumbersStringsAndLiteralsInDocumentOrder() {
        Object v = JsonReader.parse("x", " {\"b\": [1, -2, 3.5, true, false, null], \"a\": \"t\\u00e9\\n\\\"\"} ");
        assertEquals(Map.of("b", java.util.Arrays.asList(1L, -2L, 3.5, true, false, null), "a", "té\n\""), v);
        assertEquals(List.of("b", "a"), List.copyOf(((Map<?, ?>) v).keySet()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\": 1,}| r.json: invalid JSON at offset 8: expected a string key",
        "{\"a\" 1}| r.json: invalid JSON at offset 5: expected ':', found '1'",
        "[1, 2| r.json: invalid JSON at offset 5: unexpected end of input",
        "{} x| r.json: invalid JSON at offset 3: unexpected data after the document",
        "[tru]| r.json: invalid JSON at offset 1: expected true",
        "\"\\q\"| r.json: invalid JSON at offset 2: bad escape '\\q'",
        "[1-2]| r.json: invalid JSON at offset 1: bad number '1-2'",
    })
    void rejectsMalformedTextNamingTheSourceAndOffset(String text, String message) {
        InputException e = assertThrows(InputException.class, () -> JsonReader.parse("r.json", text));
        assertEquals(message.strip(), e.getMessage());
    }

    @Test
    void rejectsADocumentThatIsNotAnObjectWhereOneIsExpected() {
        InputException e = assertThrows(InputException.class, () -> JsonReader.object("r.json", "[1]"));
        assertEquals("r.json: invalid JSON at offset 0: expected an object", e.getMessage());
    }
}
