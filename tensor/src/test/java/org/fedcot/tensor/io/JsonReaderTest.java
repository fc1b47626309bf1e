package org.fedcot.tensor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The header JSON subset: what it accepts, and where it says the input went wrong. */
class JsonReaderTest {

    @Test
    void parsesNestedObjectsArraysStringsAndIntegers() throws SafetensorsException {
        Object v = JsonReader.parse("t", " {\"a\" : [1, -2, [], {}], \"b\":{\"c\":\"d\"}, \"n\": 9007199254740993}\n ");
        assertEquals(
                Map.of("a", List.of(1L, -2L, List.of(), Map.of()), "b", Map.of("c", "d"), "n", 9007199254740993L), v);
    }

    @Test
    void keepsDocumentOrder() throws SafetensorsException {
        Map<?, ?> m = (Map<?, ?>) JsonReader.parse("t", "{\"z\":1,\"a\":2,\"m\":3}");
        assertEquals(List.of("z", "a", "m"), List.copyOf(m.keySet()));
    }

    @Test
    void decodesEveryEscape() throws SafetensorsException {
        String json = "\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00\"";
        assertEquals("q\" b\\ s/ \b\f\n\r\t \u00e9 \uD83D\uDE00", JsonReader.parse("t", json));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{\"a\":1} x       | 8  | after the end",
                "{\"a\":01}        | 5  | leading zero",
                "{\"a\":1.5}       | 6  | only integers",
                "{\"a\":true}      | 5  | expected an object, array, string or integer",
                "{\"a\":1,\"a\":2} | 7  | duplicate key \"a\"",
                "{\"a\":\"xy}      | 5  | unterminated string",
                "{\"a\":\"\\q\"}   | 7  | invalid escape \\q",
                "{\"a\":\"\\u12G4\"} | 10 | invalid hex digit 'G'",
                "[1,2              | 4  | expected ',' or ']' but found the end of the header",
                "{1:2}             | 1  | expected a string key",
                "{\"a\":99999999999999999999} | 5 | out of the 64-bit range",
            })
    void reportsTheCharacterWhereItFailed(String json, int at, String what) {
        var e = assertThrows(SafetensorsException.class, () -> JsonReader.parse("file.st", json));
        assertTrue(
                e.getMessage().startsWith("file.st: malformed header JSON at character " + at + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }

    @Test
    void boundsNesting() {
        String deep = "[".repeat(100) + "]".repeat(100);
        var e = assertThrows(SafetensorsException.class, () -> JsonReader.parse("t", deep));
        assertTrue(e.getMessage().contains("nesting deeper than"), e.getMessage());
    }
}
