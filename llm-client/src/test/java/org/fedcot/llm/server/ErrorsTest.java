package org.fedcot.llm.server;

import static org.fedcot.llm.server.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Refusals, each in OpenAI's error shape with its status, param and code. */
class ErrorsTest {
    private static final String MODEL = "tiny-llama";
    private static final String KEY = "sk-test-4d2f";

    @RegisterExtension
    static final ServerCalls SERVED =
            ServerCalls.serving(TestModels::tinyLlama, ServerOptions.loopback(0).withApiKey(KEY), KEY);

    @Test
    void apiKeyIsRequiredWhenConfigured(Api api, OpenAiServer server) {
        String body = json("model", MODEL, "prompt", "Hi", "max_tokens", 2);
        JsonNode missing = new Api(server, null).post("/completions", body).error(401);
        assertTrue(missing.get("message").asText().contains("didn't provide an API key"));
        assertEquals(
                "invalid_api_key",
                new Api(server, "sk-wrong")
                        .post("/completions", body)
                        .error(401)
                        .get("code")
                        .asText());
        assertEquals(401, new Api(server, null).get("/models").status());
        assertEquals(200, api.post("/completions", body).status());
    }

    @Test
    void unknownModelsAndPathsAre404(Api api) {
        JsonNode model =
                api.post("/completions", json("model", "gpt-4", "prompt", "Hi")).error(404);
        assertEquals("model_not_found", model.get("code").asText());
        assertEquals("model", model.get("param").asText());
        assertEquals(
                "model_not_found",
                api.get("/models/gpt-4").error(404).get("code").asText());
        assertEquals(
                "unknown_url",
                api.post("/embeddings", json("model", MODEL, "input", "x"))
                        .error(404)
                        .get("code")
                        .asText());
        assertEquals("unknown_url", api.get("/").error(404).get("code").asText());
    }

    @Test
    void wrongMethodIs405(Api api) {
        assertEquals(
                "method_not_allowed",
                api.get("/completions").error(405).get("code").asText());
        assertEquals(405, api.post("/models", "{}").status());
    }

    @Test
    void malformedBodiesAndFieldsAre400(Api api) {
        assertEquals(
                null,
                param(api.post("/completions", "{\"model\": \"tiny-llama\", ").error(400)));
        assertEquals(null, param(api.post("/completions", "[1, 2]").error(400)));
        assertEquals(
                "model", param(api.post("/completions", json("prompt", "Hi")).error(400)));
        assertEquals(
                "prompt", param(api.post("/completions", json("model", MODEL)).error(400)));
        assertEquals(
                "messages",
                param(api.post("/chat/completions", json("model", MODEL)).error(400)));
        assertEquals(
                "messages",
                param(api.post("/chat/completions", json("model", MODEL, "messages", List.of()))
                        .error(400)));
        assertEquals(
                "messages[0]",
                param(api.post(
                                "/chat/completions",
                                json("model", MODEL, "messages", List.of(Map.of("content", "no role"))))
                        .error(400)));
        assertEquals(
                "temperature",
                param(api.post("/completions", json("model", MODEL, "prompt", "Hi", "temperature", "hot"))
                        .error(400)));
        assertEquals(
                "max_tokens",
                param(api.post("/completions", json("model", MODEL, "prompt", "Hi", "max_tokens", 0))
                        .error(400)));
        assertEquals(
                "n",
                param(api.post("/completions", json("model", MODEL, "prompt", "Hi", "n", 0))
                        .error(400)));
        assertEquals(
                "stop",
                param(api.post("/completions", json("model", MODEL, "prompt", "Hi", "stop", ""))
                        .error(400)));
        assertEquals(
                "prompt",
                param(api.post("/completions", json("model", MODEL, "prompt", List.of(1, 99999)))
                        .error(400)));
        assertEquals(
                "logprobs",
                param(api.post("/completions", json("model", MODEL, "prompt", "Hi", "logprobs", 3))
                        .error(400)));
        assertEquals(
                "tools",
                param(api.post(
                                "/chat/completions",
                                json(
                                        "model",
                                        MODEL,
                                        "messages",
                                        List.of(Map.of("role", "user", "content", "Hi")),
                                        "tools",
                                        List.of(Map.of("type", "function"))))
                        .error(400)));
    }

    @Test
    void promptsBeyondTheContextAre400(Api api) throws IOException {
        String prompt = "Once upon a time";
        JsonNode tooMuch = api.post("/completions", json("model", MODEL, "prompt", prompt, "max_tokens", 600))
                .error(400);
        assertEquals("context_length_exceeded", tooMuch.get("code").asText());
        assertEquals("prompt", tooMuch.get("param").asText());
        int promptTokens = TestModels.tinyLlama().completionPrompt(prompt).length;
        assertTrue(
                tooMuch.get("message")
                        .asText()
                        .startsWith("This model's maximum context length is 512 tokens. "
                                + "However, you requested " + (promptTokens + 600) + " tokens (" + promptTokens
                                + " in the prompt, "
                                + "600 in the completion)."),
                tooMuch.toString());

        int[] longPrompt = new int[512];
        Arrays.fill(longPrompt, 300);
        JsonNode full = api.post("/completions", json("model", MODEL, "prompt", longPrompt))
                .error(400);
        assertEquals("context_length_exceeded", full.get("code").asText());

        String longText = "word ".repeat(600);
        JsonNode chat = api.post(
                        "/chat/completions",
                        json("model", MODEL, "messages", List.of(Map.of("role", "user", "content", longText))))
                .error(400);
        assertEquals("messages", chat.get("param").asText());
        assertEquals("context_length_exceeded", chat.get("code").asText());
    }

    @Test
    void aTakenPortIsOneLineNamingTheAddress(OpenAiServer server) {
        IOException e = assertThrows(
                IOException.class,
                () -> OpenAiServer.start(TestModels.tinyLlama(), ServerOptions.loopback(server.port())));
        assertEquals("cannot listen on 127.0.0.1:" + server.port() + ": Address already in use", e.getMessage());
    }

    private static String param(JsonNode error) {
        return error.get("param").isNull() ? null : error.get("param").asText();
    }
}
