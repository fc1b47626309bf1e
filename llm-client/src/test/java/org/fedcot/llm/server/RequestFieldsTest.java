package org.fedcot.llm.server;

import static org.fedcot.llm.server.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request fields: a name in no OpenAI API is a 400 naming it; OpenAI's service fields and unsupported ones
 * at neutral values pass; unsupported ones asked for are a 400 naming them.
 */
class RequestFieldsTest {
    private static final String MODEL = "stories260K";
    private static final List<Map<String, String>> MESSAGES = List.of(Map.of("role", "user", "content", "Hi"));

    @RegisterExtension
    static final ServerCalls SERVED = ServerCalls.serving(TestModels::stories);

    @Test
    void aFieldOfNoOpenAiApiIsOneLine400NamingIt(Api api) {
        JsonNode typo = api.post("/completions", json("model", MODEL, "prompt", "Hi", "max_token", 5))
                .error(400);
        assertEquals("max_token", typo.get("param").asText());
        assertEquals(
                "Unrecognized request argument supplied: max_token",
                typo.get("message").asText());
        JsonNode chat = api.post("/chat/completions", json("model", MODEL, "messages", MESSAGES, "temprature", 0))
                .error(400);
        assertEquals("temprature", chat.get("param").asText());
        // echo belongs to /completions only
        assertEquals(
                "echo",
                api.post("/chat/completions", json("model", MODEL, "messages", MESSAGES, "echo", false))
                        .error(400)
                        .get("param")
                        .asText());
        // a JSON null names the field as much as a value does
        assertEquals(
                "max_token",
                api.post("/completions", "{\"model\": \"stories260K\", \"prompt\": \"Hi\", " + "\"max_token\": null}")
                        .error(400)
                        .get("param")
                        .asText());
    }

    @Test
    void harmlessOpenAiFieldsPass(Api api) {
        assertEquals(
                200,
                api.post(
                                "/completions",
                                json(
                                        "model",
                                        MODEL,
                                        "prompt",
                                        "Hi",
                                        "max_tokens",
                                        2,
                                        "user",
                                        "u-1",
                                        "n",
                                        1,
                                        "best_of",
                                        1,
                                        "echo",
                                        false,
                                        "top_k",
                                        1))
                        .status());
        assertEquals(
                200,
                api.post(
                                "/completions",
                                "{\"model\": \"stories260K\", \"prompt\": \"Hi\", \"max_tokens\": 2, "
                                        + "\"logprobs\": null, \"suffix\": null}")
                        .status());
        assertEquals(
                200,
                api.post(
                                "/chat/completions",
                                json(
                                        "model",
                                        MODEL,
                                        "messages",
                                        MESSAGES,
                                        "max_tokens",
                                        2,
                                        "user",
                                        "u-1",
                                        "metadata",
                                        Map.of("run", "7"),
                                        "store",
                                        false,
                                        "tool_choice",
                                        "none",
                                        "parallel_tool_calls",
                                        true,
                                        "modalities",
                                        List.of("text"),
                                        "logprobs",
                                        false,
                                        "max_completion_tokens",
                                        2))
                        .status());
    }

    @Test
    void unsupportedFieldsAskedForAre400NamingThem(Api api) {
        assertEquals(
                "reasoning_effort",
                api.post("/chat/completions", json("model", MODEL, "messages", MESSAGES, "reasoning_effort", "high"))
                        .error(400)
                        .get("param")
                        .asText());
        assertEquals(
                "tool_choice",
                api.post("/chat/completions", json("model", MODEL, "messages", MESSAGES, "tool_choice", "required"))
                        .error(400)
                        .get("param")
                        .asText());
        assertEquals(
                "modalities",
                api.post(
                                "/chat/completions",
                                json("model", MODEL, "messages", MESSAGES, "modalities", List.of("text", "audio")))
                        .error(400)
                        .get("param")
                        .asText());
        assertEquals(
                "echo",
                api.post("/completions", json("model", MODEL, "prompt", "Hi", "echo", true))
                        .error(400)
                        .get("param")
                        .asText());
    }
}
