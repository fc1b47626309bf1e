package org.fedcot.llm.server;

import static org.fedcot.llm.server.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.fedcot.models.generate.Generation;
import org.fedcot.models.generate.Sampler;
import org.fedcot.models.generate.SamplingParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /v1/completions on a random Llama with a tokenizer trained here (see {@link TestModels#tinyLlama}):
 * every answer, streamed or not, is what the Generator itself produces for the same prompt and sampler.
 */
class TinyLlamaCompletionsTest {
    private static final String MODEL = "tiny-llama";

    @RegisterExtension
    static final ServerCalls SERVED = ServerCalls.serving(TestModels::tinyLlama);

    @Test
    void greedyCompletionEqualsGeneratorOutput(Api api, ServedModel llama) {
        String prompt = "Lily and Ben went to";
        Generation expected = TestModels.greedy(llama, prompt, 40, List.of());
        JsonNode r =
                api.postOk("/completions", json("model", MODEL, "prompt", prompt, "max_tokens", 40, "temperature", 0));
        assertEquals(expected.text(), r.get("choices").get(0).get("text").asText());
        assertEquals(
                expected.promptTokens(), r.get("usage").get("prompt_tokens").asInt());
        assertEquals(
                expected.newTokens(), r.get("usage").get("completion_tokens").asInt());
    }

    @Test
    void streamedChunksConcatenateToTheWholeText(Api api) {
        String body = json("model", MODEL, "prompt", "The cat", "max_tokens", 60, "temperature", 0);
        String whole = api.postOk("/completions", body)
                .get("choices")
                .get(0)
                .get("text")
                .asText();
        List<JsonNode> events = api.stream(
                "/completions",
                json(
                        "model",
                        MODEL,
                        "prompt",
                        "The cat",
                        "max_tokens",
                        60,
                        "temperature",
                        0,
                        "stream",
                        true,
                        "stream_options",
                        Map.of("include_usage", true)));
        StringBuilder text = new StringBuilder();
        String id = events.getFirst().get("id").asText();
        for (JsonNode e : events.subList(0, events.size() - 1)) {
            assertEquals(id, e.get("id").asText());
            assertEquals("text_completion", e.get("object").asText());
            text.append(e.get("choices").get(0).get("text").asText());
        }
        assertEquals(whole, text.toString());
        assertTrue(events.size() > 10, "streamed in pieces, not at once: " + events.size() + " events");
        JsonNode finish = events.get(events.size() - 2).get("choices").get(0);
        assertEquals("length", finish.get("finish_reason").asText());
        assertEquals("", finish.get("text").asText());
        JsonNode usage = events.getLast();
        assertEquals(0, usage.get("choices").size());
        assertEquals(60, usage.get("usage").get("completion_tokens").asInt());
    }

    @Test
    void seededSamplingGivesNReproducibleChoices(Api api, ServedModel llama) {
        String body = json(
                "model",
                MODEL,
                "prompt",
                "Tom had a",
                "max_tokens",
                30,
                "temperature",
                0.9,
                "top_p",
                0.95,
                "seed",
                42,
                "n",
                3);
        JsonNode first = api.postOk("/completions", body).get("choices");
        JsonNode again = api.postOk("/completions", body).get("choices");
        assertEquals(3, first.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(i, first.get(i).get("index").asInt());
            Generation expected = TestModels.direct(
                    llama,
                    llama.completionPrompt("Tom had a"),
                    30,
                    List.of(),
                    new Sampler(new SamplingParams(0.9, 0, 0.95), 42 + i));
            assertEquals(expected.text(), first.get(i).get("text").asText());
            assertEquals(first.get(i).get("text"), again.get(i).get("text"));
        }
        assertNotEquals(first.get(0).get("text"), first.get(1).get("text"));
    }

    @Test
    void promptListsAndTokenIdsAreNumberedPromptMajor(Api api, ServedModel llama) {
        int[] ids = llama.completionPrompt("Lily");
        JsonNode r = api.postOk(
                "/completions",
                json(
                        "model",
                        MODEL,
                        "prompt",
                        List.of("Once upon a time", "Lily"),
                        "max_tokens",
                        8,
                        "temperature",
                        0,
                        "n",
                        2));
        JsonNode choices = r.get("choices");
        assertEquals(4, choices.size());
        assertEquals(
                TestModels.greedy(llama, "Lily", 8, List.of()).text(),
                choices.get(2).get("text").asText());
        assertEquals(choices.get(2).get("text"), choices.get(3).get("text"));
        assertEquals(
                llama.completionPrompt("Once upon a time").length + ids.length,
                r.get("usage").get("prompt_tokens").asInt());
        assertEquals(32, r.get("usage").get("completion_tokens").asInt());

        JsonNode byIds =
                api.postOk("/completions", json("model", MODEL, "prompt", ids, "max_tokens", 8, "temperature", 0));
        assertEquals(choices.get(2).get("text"), byIds.get("choices").get(0).get("text"));
    }

    @Test
    void defaultMaxTokensIsOpenAisSixteen(Api api) {
        JsonNode r = api.postOk("/completions", json("model", MODEL, "prompt", "Once upon a time", "temperature", 0));
        assertEquals(
                CompletionRun.COMPLETIONS_DEFAULT_MAX,
                r.get("usage").get("completion_tokens").asInt());
    }

    @Test
    void chatWithoutTemplateUsesRoleContentLines(Api api, ServedModel llama) {
        JsonNode r = api.postOk(
                "/chat/completions",
                json(
                        "model",
                        MODEL,
                        "messages",
                        List.of(Map.of("role", "user", "content", "Tell me a story.")),
                        "max_tokens",
                        20,
                        "temperature",
                        0));
        int[] prompt = llama.tokenizer().encode("user: Tell me a story.\nassistant:", true);
        Generation expected = TestModels.direct(llama, prompt, 20, List.of(), Sampler.greedy());
        JsonNode message = r.get("choices").get(0).get("message");
        assertEquals("assistant", message.get("role").asText());
        assertEquals(expected.text(), message.get("content").asText());
        assertEquals(prompt.length, r.get("usage").get("prompt_tokens").asInt());
        assertFalse(expected.text().isEmpty());
    }

    @Test
    void stopStringsCutTheTextAsTheGeneratorDoes(Api api, ServedModel llama) {
        String prompt = "Once upon a time";
        String free = TestModels.greedy(llama, prompt, 100, List.of()).text();
        // stops taken from the free text itself: the text must end just before the first one that occurs
        String one = free.substring(40, 42);
        Generation cut = TestModels.greedy(llama, prompt, 100, List.of(one));
        assertEquals(free.substring(0, free.indexOf(one)), cut.text());
        JsonNode r = api.postOk(
                "/completions",
                json("model", MODEL, "prompt", prompt, "max_tokens", 100, "temperature", 0, "stop", one));
        assertEquals(cut.text(), r.get("choices").get(0).get("text").asText());
        assertEquals("stop", r.get("choices").get(0).get("finish_reason").asText());

        List<String> stops = List.of(free.substring(30, 33), free.substring(20, 22));
        Generation two = TestModels.greedy(llama, prompt, 100, stops);
        assertEquals(free.substring(0, Math.min(free.indexOf(stops.get(0)), free.indexOf(stops.get(1)))), two.text());
        String body = json("model", MODEL, "prompt", prompt, "max_tokens", 100, "temperature", 0, "stop", stops);
        assertEquals(
                two.text(),
                api.postOk("/completions", body)
                        .get("choices")
                        .get(0)
                        .get("text")
                        .asText());
        List<JsonNode> events = api.stream(
                "/completions",
                json(
                        "model",
                        MODEL,
                        "prompt",
                        prompt,
                        "max_tokens",
                        100,
                        "temperature",
                        0,
                        "stop",
                        stops,
                        "stream",
                        true));
        assertEquals(two.text(), Api.completionText(events));
        assertEquals(
                "stop",
                events.getLast().get("choices").get(0).get("finish_reason").asText());
    }
}
