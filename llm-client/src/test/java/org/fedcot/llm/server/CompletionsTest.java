package org.fedcot.llm.server;

import static org.fedcot.llm.server.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.fedcot.models.generate.Generation;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /v1/completions with the real stories260K checkpoint, against llama2.c's own output and the texts
 * it is known to write; {@link TinyLlamaCompletionsTest} checks the endpoint's behaviour on a made model.
 */
class CompletionsTest {
    private static final String MODEL = "stories260K";

    @RegisterExtension
    static final ServerCalls SERVED = ServerCalls.serving(TestModels::stories);

    @Test
    void greedyCompletionIsLlama2cReferenceOutput(Api api) throws IOException {
        String reference = Files.readString(SharedFiles.path("models/stories260K/greedy_t0_once_upon_a_time_256.txt"))
                .stripTrailing();
        String prompt = "Once upon a time";
        // run.c's 256 steps count positions from BOS: the 5 prompt tokens force 4 steps, then 252 are drawn
        JsonNode r =
                api.postOk("/completions", json("model", MODEL, "prompt", prompt, "max_tokens", 252, "temperature", 0));
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
    void stopStringsCutTheTextAsTheGeneratorDoes(Api api, ServedModel stories) {
        String prompt = "Once upon a time";
        Generation one = TestModels.greedy(stories, prompt, 100, List.of("."));
        JsonNode r = api.postOk(
                "/completions",
                json("model", MODEL, "prompt", prompt, "max_tokens", 100, "temperature", 0, "stop", "."));
        assertEquals(one.text(), r.get("choices").get(0).get("text").asText());
        assertEquals(", there was a little girl named Lily", one.text());
        assertEquals("stop", r.get("choices").get(0).get("finish_reason").asText());

        List<String> stops = List.of("park", "girl");
        Generation two = TestModels.greedy(stories, prompt, 100, stops);
        String body = json("model", MODEL, "prompt", prompt, "max_tokens", 100, "temperature", 0, "stop", stops);
        assertEquals(
                two.text(),
                api.postOk("/completions", body)
                        .get("choices")
                        .get(0)
                        .get("text")
                        .asText());
        assertEquals(", there was a little ", two.text());
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
