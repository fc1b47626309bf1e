package org.fedcot.eval.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of a data file, each with the line it starts on: a JSON-lines file (one value a
 * line, blank lines skipped) or a single JSON list, told apart by the file's first non-blank character.
 */
public final class JsonRecords {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Two values on one line are one malformed line, not a record and some ignored text. */
    private static final ObjectReader ONE_VALUE = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonRecords() {}

    /** Every record of {@code file}, in file order; bad JSON is reported with its line. */
    public static List<JsonRecord> read(Path file) throws IOException {
        return startsWithList(file) ? readList(file) : readLines(file);
    }

    private static boolean startsWithList(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int c;
            do {
                c = in.read();
            } while (c != -1 && (Character.isWhitespace(c) || c == 0xEF || c == 0xBB || c == 0xBF)); // and a UTF-8 BOM
            return c == '[';
        }
    }

    private static List<JsonRecord> readLines(Path file) throws IOException {
        List<JsonRecord> records = new ArrayList<>();
        int line = 1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            for (; (text = in.readLine()) != null; line++) {
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                try {
                    records.add(new JsonRecord(file, line, -1, ONE_VALUE.readTree(text)));
                } catch (JsonProcessingException e) {
                    throw badJson(file, line, e);
                }
            }
        } catch (CharacterCodingException e) {
            // the decoder's own message ("Input length = 1") names neither the file nor the line
            throw new MalformedDataException(file, line, file + ":" + line, null, "not UTF-8 text");
        }
        return records;
    }

    private static List<JsonRecord> readList(Path file) throws IOException {
        List<JsonRecord> records = new ArrayList<>();
        try (JsonParser p = MAPPER.createParser(file.toFile())) {
            try {
                p.nextToken(); // the opening '[' that startsWithList saw
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    // Jackson reports an unclosed list itself; this keeps the loop finite whatever it does.
                    if (t == null) {
                        throw badJson(file, p.currentLocation().getLineNr(), "the list is not closed");
                    }
                    int line = p.currentTokenLocation().getLineNr();
                    records.add(new JsonRecord(file, line, records.size(), MAPPER.readTree(p)));
                }
                if (p.nextToken() != null)
                    throw badJson(file, p.currentTokenLocation().getLineNr(), "content after the list");
            } catch (JsonProcessingException e) {
                throw badJson(
                        file,
                        e.getLocation() == null
                                ? p.currentLocation().getLineNr()
                                : e.getLocation().getLineNr(),
                        e);
            }
        }
        return records;
    }

    private static MalformedDataException badJson(Path file, int line, JsonProcessingException e) {
        return badJson(file, line, e.getOriginalMessage().lines().findFirst().orElse("unreadable"));
    }

    private static MalformedDataException badJson(Path file, int line, String detail) {
        return new MalformedDataException(file, line, file + ":" + line, null, "bad JSON: " + detail);
    }
}
