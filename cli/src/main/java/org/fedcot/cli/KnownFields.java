package org.fedcot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses fields that the project's own JSON inputs do not have: in a format the project defines, an unknown
 * field is a mistake (a misspelt "promt" would otherwise be skipped and its default used without a word).
 * Public dataset formats are not checked this way: extra fields are normal there.
 */
public final class KnownFields {
    private KnownFields() {}

    /**
     * Throws when {@code object} has a field outside {@code known}.
     *
     * @param where what the object is, for the message ("data.jsonl:3")
     * @throws IllegalArgumentException naming the place, the field and the fields there are
     */
    public static void require(JsonNode object, Set<String> known, String where) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown field '" + TerminalText.oneLine(name)
                        + "' (the fields are " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }
}
