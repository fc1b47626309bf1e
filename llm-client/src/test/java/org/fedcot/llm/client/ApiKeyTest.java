package org.fedcot.llm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API key goes out as a Bearer header and nowhere else: not in the cache, not in error messages. */
class ApiKeyTest {
    private static final String KEY = "sk-test-0123456789abcdef";
    private static final Map<String, String> ENV = Map.of("FEDCOT_TEST_KEY", KEY);

    @TempDir
    Path dir;

    private ClientConfig config(FaultServer server) {
        return RetryTest.config(server.baseUrl())
                .withApiKeyEnv("FEDCOT_TEST_KEY")
                .withCacheFile(dir.resolve("cache.jsonl"));
    }

    @Test
    void sentAsBearerButNeverCached() throws IOException {
        try (FaultServer server = FaultServer.scripted();
                LlmClient client = LlmClient.open(config(server), ENV::get)) {
            client.complete(new ChatRequest(List.of(ChatMessage.system("be brief"), ChatMessage.user("hi"))));
            assertEquals("Bearer " + KEY, server.received().getFirst().headers().get("authorization"));
        }
        String cache = Files.readString(dir.resolve("cache.jsonl"));
        assertEquals(1, CacheFiles.entries(dir.resolve("cache.jsonl")).size());
        assertFalse(cache.contains(KEY));
        assertFalse(cache.contains("FEDCOT_TEST_KEY"));
    }

    @Test
    void absentFromErrorsEvenWhenTheServerEchoesIt() throws IOException {
        try (FaultServer server = FaultServer.start(r -> r.index() == 0
                        ? FaultServer.error(401, "Incorrect API key provided: " + KEY)
                        : FaultServer.error(500, "upstream rejected " + KEY));
                LlmClient client = LlmClient.open(config(server), ENV::get)) {
            LlmException refused = assertThrows(LlmException.class, () -> client.complete(new CompletionRequest("a")));
            assertEquals(
                    "POST " + server.baseUrl() + "/completions: HTTP 401: Incorrect API key provided: ***",
                    refused.getMessage());
            LlmException exhausted =
                    assertThrows(LlmException.class, () -> client.complete(new CompletionRequest("b")));
            assertFalse(exhausted.getMessage().contains(KEY), exhausted.getMessage());
            assertTrue(exhausted.getMessage().endsWith("HTTP 500: upstream rejected ***"), exhausted.getMessage());
        }
        assertEquals(0, Files.size(dir.resolve("cache.jsonl")));
    }

    @Test
    void noKeyVariableSendsNoHeader() throws IOException {
        try (FaultServer server = FaultServer.scripted();
                LlmClient client = LlmClient.open(RetryTest.config(server.baseUrl()), ENV::get)) {
            client.complete(new CompletionRequest("a"));
            assertNull(server.received().getFirst().headers().get("authorization"));
        }
    }

    @Test
    void anUnsetVariableIsNamedNotGuessed() throws IOException {
        try (FaultServer server = FaultServer.scripted()) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> LlmClient.open(config(server), name -> null));
            assertEquals("environment variable FEDCOT_TEST_KEY (the API key) is not set", e.getMessage());
        }
    }
}
