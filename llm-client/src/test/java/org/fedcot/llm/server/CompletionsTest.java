package org.fedcot.llm.server;

import static org.fedcot.llm.server.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.fedcot.models.generate.Generation;
import org.fedcot.models.generate.Sampler;
import org.fedcot.models.generate.SamplingParams;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /v1/completions with the real stories260K checkpoint, against the reference and the Generator itself. */
class CompletionsTest {
    private static final String MODEL = "stories260K";
    private static ServedModel stories;
    private static OpenAiServer server;
    private static Api api;

    @BeforeAll
    static void start() throws IOException {
        stories = TestModels.stories();
        server = OpenAiServer.start(stories, ServerOptions.loopback(0));
        api = new Api(server, null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void greedyCompletionIsLlama2cReferenceOutput() throws IOException {
        String reference = Files.readString(SharedFiles.path("models/stories260K/greedy_t0_once_upon_a_time_256.txt"))
                .stripTrailing();
        String prompt = "Once upon a time";
        // run.c's 256 steps count positions from BOS: the 5 prompt tokens force 4 steps, then 252 are drawn
        JsonNode r = api.postOk("/completions", json("model", MODEL, "prompt", prompt, "max_tokens", 252,
                "temperature", 0));
        JsonNode choice = r.get("choices").get(0);
        assertEquals(reference, prompt + choice.get("text").asText());
        assertEquals("length", choice.get("finish_reason").asText());
        assertEquals("text_completion", r.get("object").asText());
        assertEquals(MODEL, r.get("model").asText());
        assertTrue(r.get("id").asText().startsWith("cmpl-"));
        JsonNode usage = r.get("usage");
        assertEquals(5, usage.get("prompt_tokens").asInt());
        assertEquals(252, usage.get("completion_tokens").asInt());
        assertEquals(257, usage.get("total_tokens").asInt());
    }

    @Test
    void greedyCompletionEqualsGeneratorOutput() {
        String prompt = "Lily and Ben went to";
        Generation expected = direct(prompt, 40, List.of());
        JsonNode r = api.postOk("/completions", json("model", MODEL, "prompt", prompt, "max_tokens", 40, "temperature", 0));
        assertEquals(expected.text(), r.get("choices").get(0).get("text").asText());
        assertEquals(expected.promptTokens(), r.get("usage").get("prompt_tokens").asInt());
        assertEquals(expected.newTokens(), r.get("usage").get("completion_tokens").asInt());
    }

    @Test
    void streamedChunksConcatenateToTheWholeText() {
        String body = json("model", MODEL, "prompt", "The cat", "max_tokens", 60, "temperature", 0);
        String whole = api.postOk("/completions", body).get("choices").get(0).get("text").asText();
        List<JsonNode> events = api.stream("/completions", json("model", MODEL, "prompt", "The cat", "max_tokens", 60,
                "temperature", 0, "stream", true, "stream_options", Map.of("include_usage", true)));
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
    void stopStringsCutTheTextAsTheGeneratorDoes() {
        String prompt = "Once upon a time";
        Generation one = direct(prompt, 100, List.of("."));
        JsonNode r = api.postOk("/completions", json("model", MODEL, "prompt", prompt, "max_tokens", 100,
                "temperature", 0, "stop", "."));
        assertEquals(one.text(), r.get("choices").get(0).get("text").asText());
        assertEquals(", there was a little girl named Lily", one.text());
        assertEquals("stop", r.get("choices").get(0).get("finish_reason").asText());

        List<String> stops = List.of("park", "girl");
        Generation two = direct(prompt, 100, stops);
        String body = json("model", MODEL, "prompt", prompt, "max_tokens", 100, "temperature", 0, "stop", stops);
        assertEquals(two.text(), api.postOk("/completions", body).get("choices").get(0).get("text").asText());
        assertEquals(", there was a little ", two.text());
        StringBuilder streamed = new StringBuilder();
        List<JsonNode> events = api.stream("/completions", json("model", MODEL, "prompt", prompt, "max_tokens", 100,
                "temperature", 0, "stop", stops, "stream", true));
        events.forEach(e -> streamed.append(e.get("choices").get(0).get("text").asText()));
        assertEquals(two.text(), streamed.toString());
        assertEquals("stop", events.getLast().get("choices").get(0).get("finish_reason").asText());
    }

    @Test
    void seededSamplingGivesNReproducibleChoices() {
        String body = json("model", MODEL, "prompt", "Tom had a", "max_tokens", 30, "temperature", 0.9,
                "top_p", 0.95, "seed", 42, "n", 3);
        JsonNode first = api.postOk("/completions", body).get("choices");
        JsonNode again = api.postOk("/completions", body).get("choices");
        assertEquals(3, first.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(i, first.get(i).get("index").asInt());
            Generation expected = TestModels.direct(stories, stories.completionPrompt("Tom had a"), 30, List.of(),
                    new Sampler(new SamplingParams(0.9, 0, 0.95), 42 + i));
            assertEquals(expected.text(), first.get(i).get("text").asText());
            assertEquals(first.get(i).get("text"), again.get(i).get("text"));
        }
        assertNotEquals(first.get(0).get("text"), first.get(1).get("text"));
    }

    @Test
    void promptListsAndTokenIdsAreNumberedPromptMajor() {
        int[] ids = stories.completionPrompt("Lily");
        JsonNode r = api.postOk("/completions", json("model", MODEL, "prompt", List.of("Once upon a time", "Lily"),
                "max_tokens", 8, "temperature", 0, "n", 2));
        JsonNode choices = r.get("choices");
        assertEquals(4, choices.size());
        assertEquals(direct("Lily", 8, List.of()).text(), choices.get(2).get("text").asText());
        assertEquals(choices.get(2).get("text"), choices.get(3).get("text"));
        assertEquals(5 + ids.length, r.get("usage").get("prompt_tokens").asInt());
        assertEquals(32, r.get("usage").get("completion_tokens").asInt());

        JsonNode byIds = api.postOk("/completions", json("model", MODEL, "prompt", ids, "max_tokens", 8, "temperature", 0));
        assertEquals(choices.get(2).get("text"), byIds.get("choices").get(0).get("text"));
    }

    @Test
    void defaultMaxTokensIsOpenAisSixteen() {
        JsonNode r = api.postOk("/completions", json("model", MODEL, "prompt", "Once upon a time", "temperature", 0));
        assertEquals(CompletionRun.COMPLETIONS_DEFAULT_MAX, r.get("usage").get("completion_tokens").asInt());
    }

    @Test
    void chatWithoutTemplateUsesRoleContentLines() {
        JsonNode r = api.postOk("/chat/completions", json("model", MODEL, "messages",
                List.of(Map.of("role", "user", "content", "Tell me a story.")), "max_tokens", 20, "temperature", 0));
        int[] prompt = stories.tokenizer().encode("user: Tell me a story.\nassistant:", true);
        Generation expected = TestModels.direct(stories, prompt, 20, List.of(), Sampler.greedy());
        JsonNode message = r.get("choices").get(0).get("message");
        assertEquals("assistant", message.get("role").asText());
        assertEquals(expected.text(), message.get("content").asText());
        assertEquals(prompt.length, r.get("usage").get("prompt_tokens").asInt());
        assertFalse(expected.text().isEmpty());
    }

    private static Generation direct(String prompt, int maxNew, List<String> stops) {
        return TestModels.direct(stories, stories.completionPrompt(prompt), maxNew, stops, Sampler.greedy());
    }
}
