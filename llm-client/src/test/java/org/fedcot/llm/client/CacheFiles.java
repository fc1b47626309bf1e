package org.fedcot.llm.client;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a response cache file the way a person checking it would: every line must be a whole entry. */
final class CacheFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CacheFiles() {}

    /** The entries of {@code file}, failing the test on any line that is not one, or a missing final newline. */
    static List<JsonNode> entries(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.isEmpty() || text.endsWith("\n"), "cache file ends in the middle of a line");
        List<JsonNode> entries = new ArrayList<>();
        int n = 0;
        for (String line : text.lines().toList()) {
            n++;
            try {
                JsonNode e = MAPPER.readTree(line);
                assertTrue(e.path("key").asText().matches("[0-9a-f]{64}"), "line " + n + " key");
                assertTrue(
                        e.path("request").isObject()
                                && e.path("response").path("choices").isArray(),
                        "line " + n);
                entries.add(e);
            } catch (IOException bad) {
                fail("cache line " + n + " is not JSON: " + bad.getMessage());
            }
        }
        return entries;
    }

    /** The prompts of the entries of {@code file}. */
    static List<String> prompts(Path file) throws IOException {
        return entries(file).stream()
                .map(e -> e.path("request").path("prompt").asText())
                .toList();
    }
}
