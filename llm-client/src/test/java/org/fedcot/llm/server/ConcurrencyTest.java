package org.fedcot.llm.server;

import static org.fedcot.llm.server.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fedcot.models.generate.Sampler;
import org.junit.jupiter.api.Test;

/**
 * Several requests at once: every answer is the one the same request gets alone, and none is lost.
 * Generations are decoded together in one batch, a cache slot each, so this is what shows they do not disturb
 * each other.
 */
class ConcurrencyTest {
    private static final String MODEL = "tiny-llama";
    private static final List<String> PROMPTS = List.of(
            "Once upon a time",
            "Lily",
            "Tom and his dog",
            "The sun",
            "One day, a bird",
            "Sam saw a",
            "There was a big",
            "Mom said",
            "The little car",
            "A girl named Sue");

    @Test
    void concurrentRequestsAreEachAnsweredAsAlone() throws Exception {
        ServedModel llama = TestModels.tinyLlama();
        List<String> expected = expected(llama, 24);
        try (OpenAiServer server =
                OpenAiServer.start(llama, ServerOptions.loopback(0).withMaxBatch(8))) {
            Api api = new Api(server, null);
            List<String> got = run(16, 16, i -> {
                String prompt = PROMPTS.get(i % PROMPTS.size());
                if (i % 2 == 0) {
                    return text(api.postOk("/completions", completion(prompt, 24)));
                }
                StringBuilder streamed = new StringBuilder();
                api.stream(
                                "/completions",
                                json(
                                        "model",
                                        MODEL,
                                        "prompt",
                                        prompt,
                                        "max_tokens",
                                        24,
                                        "temperature",
                                        0,
                                        "stream",
                                        true))
                        .forEach(e -> streamed.append(
                                e.get("choices").get(0).get("text").asText()));
                return streamed.toString();
            });
            for (int i = 0; i < got.size(); i++) {
                assertEquals(expected.get(i % PROMPTS.size()), got.get(i), "request " + i);
            }
        }
    }

    @Test
    void twoHundredRequestsEightAtATimeAllComeBack() throws Exception {
        ServedModel llama = TestModels.tinyLlama();
        List<String> completions = expected(llama, 4);
        List<String> chats = new ArrayList<>();
        for (String p : PROMPTS) {
            int[] prompt = llama.tokenizer().encode("user: " + p + "\nassistant:", true);
            chats.add(TestModels.direct(llama, prompt, 4, List.of(), Sampler.greedy())
                    .text());
        }
        try (OpenAiServer server = OpenAiServer.start(llama, ServerOptions.loopback(0))) {
            Api api = new Api(server, null);
            // odd requests are chats: their templates render concurrently too
            List<JsonNode> replies = run(200, 8, i -> {
                String prompt = PROMPTS.get(i % PROMPTS.size());
                return i % 2 == 0
                        ? api.postOk("/completions", completion(prompt, 4))
                        : api.postOk(
                                "/chat/completions",
                                json(
                                        "model",
                                        MODEL,
                                        "messages",
                                        List.of(Map.of("role", "user", "content", prompt)),
                                        "max_tokens",
                                        4,
                                        "temperature",
                                        0));
            });
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < replies.size(); i++) {
                JsonNode choice = replies.get(i).get("choices").get(0);
                String got = i % 2 == 0
                        ? choice.get("text").asText()
                        : choice.get("message").get("content").asText();
                assertEquals((i % 2 == 0 ? completions : chats).get(i % PROMPTS.size()), got, "request " + i);
                ids.add(replies.get(i).get("id").asText());
            }
            assertEquals(200, ids.size());
        }
    }

    /** What each prompt gets alone, straight from the Generator. */
    private static List<String> expected(ServedModel llama, int maxNew) {
        List<String> texts = new ArrayList<>();
        for (String p : PROMPTS) {
            texts.add(TestModels.direct(llama, llama.completionPrompt(p), maxNew, List.of(), Sampler.greedy())
                    .text());
        }
        return texts;
    }

    private static String completion(String prompt, int maxTokens) {
        return json("model", MODEL, "prompt", prompt, "max_tokens", maxTokens, "temperature", 0);
    }

    private static String text(JsonNode reply) {
        return reply.get("choices").get(0).get("text").asText();
    }

    @FunctionalInterface
    private interface Call<T> {
        T run(int index) throws Exception;
    }

    /** Runs calls 0..n-1 on {@code threads} client threads; results in call order. */
    private static <T> List<T> run(int n, int threads, Call<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> call.run(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
