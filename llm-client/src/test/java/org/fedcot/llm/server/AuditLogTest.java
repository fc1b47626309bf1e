package org.fedcot.llm.server;

import static org.fedcot.llm.server.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --audit: one parseable JSON line per authenticated request received, refused ones included, never the
 * key; a request without the key is not recorded.
 */
class AuditLogTest {
    private static final String MODEL = "tiny-llama";
    private static final String KEY = "sk-audit-9a7c51";

    @Test
    void recordsEveryRequestBodyOnceWithoutTheKey(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("audit.jsonl");
        List<String> bodies = List.of(
                json("model", MODEL, "prompt", "Once upon a time", "max_tokens", 3),
                json(
                        "model",
                        MODEL,
                        "messages",
                        List.of(Map.of("role", "user", "content", "Hi \"there\"\nnew line é")),
                        "max_tokens",
                        2,
                        "stream",
                        true),
                json("model", "nope", "prompt", "x"),
                "{not json");
        try (OpenAiServer server = OpenAiServer.start(
                TestModels.tinyLlama(),
                ServerOptions.loopback(0).withApiKey(KEY).withAuditLog(log))) {
            Api api = new Api(server, KEY);
            assertEquals(200, api.post("/completions", bodies.get(0)).status());
            assertEquals(200, api.post("/chat/completions", bodies.get(1)).status());
            assertEquals(404, api.post("/completions", bodies.get(2)).status());
            assertEquals(400, api.post("/completions", bodies.get(3)).status());
            assertEquals(
                    401,
                    new Api(server, "sk-wrong")
                            .post("/completions", bodies.get(0))
                            .status());
            assertEquals(200, api.get("/models").status());
        }
        String text = Files.readString(log);
        assertFalse(text.contains(KEY)
                || text.contains("sk-wrong")
                || text.toLowerCase().contains("authorization"));

        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            lines.add(Api.JSON.readTree(line));
        }
        assertEquals(5, lines.size());
        List<String> sent = List.of(bodies.get(0), bodies.get(1), bodies.get(2), bodies.get(3), "");
        List<String> paths =
                List.of("/v1/completions", "/v1/chat/completions", "/v1/completions", "/v1/completions", "/v1/models");
        Instant previous = Instant.MIN;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            assertEquals(sent.get(i), line.get("body").asText(), "line " + i);
            assertEquals(paths.get(i), line.get("path").asText());
            assertEquals(i == 4 ? "GET" : "POST", line.get("method").asText());
            assertTrue(line.get("remote").asText().startsWith("127.0.0.1:"), line.toString());
            Instant time = Instant.parse(line.get("time").asText());
            assertFalse(time.isBefore(previous));
            previous = time;
        }
    }

    @Test
    void appendsToAnExistingLog(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("audit.jsonl");
        for (int run = 0; run < 2; run++) {
            try (OpenAiServer server = OpenAiServer.start(
                    TestModels.tinyLlama(), ServerOptions.loopback(0).withAuditLog(log))) {
                new Api(server, null).get("/models");
            }
        }
        assertEquals(2, Files.readAllLines(log).size());
    }
}
