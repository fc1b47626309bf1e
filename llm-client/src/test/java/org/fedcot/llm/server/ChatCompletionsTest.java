package org.fedcot.llm.server;

import static org.fedcot.llm.server.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.fedcot.models.generate.Generation;
import org.fedcot.models.generate.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /v1/chat/completions with a Hugging Face directory whose tokenizer_config.json carries a ChatML
 * chat template (see {@link TestModels#tinyQwen}): the prompt the server feeds is the template's
 * rendering, written out here in Qwen3's ChatML layout.
 */
class ChatCompletionsTest {
    private static final String MODEL = "tiny-qwen";
    private static final List<Map<String, String>> MESSAGES = List.of(
            Map.of("role", "system", "content", "You are terse."), Map.of("role", "user", "content", "Name a colour."));
    private static final String RENDERED = "<|im_start|>system\nYou are terse.<|im_end|>\n"
            + "<|im_start|>user\nName a colour.<|im_end|>\n<|im_start|>assistant\n";

    @RegisterExtension
    static final ServerCalls SERVED = ServerCalls.serving(TestModels::tinyQwen);

    @Test
    void feedsTheChatTemplateRenderingAndAnswersAsTheGenerator(Api api, ServedModel qwen) {
        int[] prompt = qwen.tokenizer().encode(RENDERED, false);
        Generation expected = TestModels.direct(qwen, prompt, 12, List.of(), Sampler.greedy());
        JsonNode r = api.postOk(
                "/chat/completions", json("model", MODEL, "messages", MESSAGES, "max_tokens", 12, "temperature", 0));
        assertEquals("chat.completion", r.get("object").asText());
        assertTrue(r.get("id").asText().startsWith("chatcmpl-"));
        JsonNode choice = r.get("choices").get(0);
        assertEquals("assistant", choice.get("message").get("role").asText());
        assertEquals(expected.text(), choice.get("message").get("content").asText());
        assertEquals(prompt.length, r.get("usage").get("prompt_tokens").asInt());
        assertEquals(12, r.get("usage").get("completion_tokens").asInt());
        assertEquals("length", choice.get("finish_reason").asText());
    }

    @Test
    void templateVariablesAndTextPartsReachTheTemplate(Api api, ServedModel qwen) {
        List<Map<String, Object>> parts = List.of(Map.of(
                "role",
                "user",
                "content",
                List.of(Map.of("type", "text", "text", "Name"), Map.of("type", "text", "text", "a colour."))));
        String rendered = "<|im_start|>user\nName\na colour.<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n";
        JsonNode r = api.postOk(
                "/chat/completions",
                json(
                        "model",
                        MODEL,
                        "messages",
                        parts,
                        "max_tokens",
                        1,
                        "chat_template_kwargs",
                        Map.of("enable_thinking", false)));
        assertEquals(
                qwen.tokenizer().encode(rendered, false).length,
                r.get("usage").get("prompt_tokens").asInt());
    }

    @Test
    void streamedDeltasConcatenateToTheWholeMessage(Api api) {
        String whole = api.postOk(
                        "/chat/completions",
                        json("model", MODEL, "messages", MESSAGES, "max_tokens", 20, "temperature", 0))
                .get("choices")
                .get(0)
                .get("message")
                .get("content")
                .asText();
        List<JsonNode> events = api.stream(
                "/chat/completions",
                json("model", MODEL, "messages", MESSAGES, "max_tokens", 20, "temperature", 0, "stream", true));
        JsonNode opening = events.getFirst().get("choices").get(0).get("delta");
        assertEquals("assistant", opening.get("role").asText());
        StringBuilder text = new StringBuilder();
        for (JsonNode e : events) {
            assertEquals("chat.completion.chunk", e.get("object").asText());
            text.append(e.get("choices").get(0).get("delta").path("content").asText(""));
        }
        assertEquals(whole, text.toString());
        JsonNode last = events.getLast().get("choices").get(0);
        assertEquals("length", last.get("finish_reason").asText());
        assertTrue(last.get("delta").isEmpty());
        assertFalse(whole.isEmpty());
    }

    @Test
    void listsTheModelWithItsContextLength(Api api) {
        JsonNode list = api.get("/models").json();
        assertEquals("list", list.get("object").asText());
        JsonNode model = list.get("data").get(0);
        assertEquals(MODEL, model.get("id").asText());
        assertEquals("model", model.get("object").asText());
        assertEquals(128, model.get("max_model_len").asInt());
        assertEquals(model, api.get("/models/" + MODEL).json());
    }
}
