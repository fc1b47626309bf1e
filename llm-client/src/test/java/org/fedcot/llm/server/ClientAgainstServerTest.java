package org.fedcot.llm.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedcot.llm.client.ChatMessage;
import org.fedcot.llm.client.ChatRequest;
import org.fedcot.llm.client.ClientConfig;
import org.fedcot.llm.client.CompletionRequest;
import org.fedcot.llm.client.LlmClient;
import org.fedcot.llm.client.LlmResponse;
import org.fedcot.llm.client.Sampling;
import org.fedcot.llm.client.StreamListener;
import org.fedcot.models.generate.Generation;
import org.fedcot.models.generate.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's client against the project's server on loopback: completions (a random Llama) and chat
 * (a ChatML template), streamed and not, each equal to what the generator produces directly.
 */
class ClientAgainstServerTest {
    private static final Sampling GREEDY = Sampling.DEFAULT.withTemperature(0.0).withMaxTokens(20);

    /** Every piece a stream delivered. */
    private static final class Pieces implements StreamListener {
        final List<String> pieces = new ArrayList<>();

        @Override
        public void onText(int choiceIndex, String delta) {
            pieces.add(delta);
        }
    }

    private static LlmClient client(OpenAiServer server, String model, Path cache) throws IOException {
        ClientConfig config = ClientConfig.of(URI.create(server.baseUrl()), model);
        return LlmClient.open(cache == null ? config : config.withCacheFile(cache));
    }

    @Test
    void completionsStreamedAndNotEqualTheGenerator() throws IOException {
        ServedModel llama = TestModels.tinyLlama();
        String prompt = "Once upon a time";
        Generation expected =
                TestModels.direct(llama, llama.tokenizer().encode(prompt, true), 20, List.of(), Sampler.greedy());
        try (OpenAiServer server = OpenAiServer.start(llama, ServerOptions.loopback(0));
                LlmClient llm = client(server, "tiny-llama", null)) {
            LlmResponse whole = llm.complete(new CompletionRequest(prompt, GREEDY));
            Pieces pieces = new Pieces();
            LlmResponse streamed = llm.stream(new CompletionRequest(prompt, GREEDY), pieces);
            assertEquals(expected.text(), whole.text());
            assertEquals(expected.text(), streamed.text());
            assertEquals(expected.text(), String.join("", pieces.pieces));
            assertTrue(pieces.pieces.size() > 1, "the answer arrived in pieces");
            assertEquals(whole.usage(), streamed.usage());
            assertEquals(20, whole.usage().completionTokens());
        }
    }

    @Test
    void chatStreamedAndNotThroughTheChatTemplate() throws IOException {
        ServedModel qwen = TestModels.tinyQwen();
        String rendered = "<|im_start|>user\nName a colour.<|im_end|>\n<|im_start|>assistant\n";
        Generation expected =
                TestModels.direct(qwen, qwen.tokenizer().encode(rendered, false), 12, List.of(), Sampler.greedy());
        ChatRequest ask = new ChatRequest(
                List.of(ChatMessage.user("Name a colour.")),
                Sampling.DEFAULT.withTemperature(0.0).withMaxTokens(12));
        try (OpenAiServer server = OpenAiServer.start(qwen, ServerOptions.loopback(0));
                LlmClient llm = client(server, "tiny-qwen", null)) {
            Pieces pieces = new Pieces();
            assertEquals(expected.text(), llm.complete(ask).text());
            assertEquals(expected.text(), llm.stream(ask, pieces).text());
            assertEquals(expected.text(), String.join("", pieces.pieces));
        }
    }

    @Test
    void aCachedAnswerIsNotAskedAgainAsTheAuditLogShows(@TempDir Path dir) throws IOException {
        Path audit = dir.resolve("audit.jsonl");
        Path cache = dir.resolve("cache.jsonl");
        List<CompletionRequest> asks =
                List.of(new CompletionRequest("Lily went", GREEDY), new CompletionRequest("Tom saw", GREEDY));
        try (OpenAiServer server = OpenAiServer.start(
                TestModels.tinyLlama(), ServerOptions.loopback(0).withAuditLog(audit))) {
            try (LlmClient llm = client(server, "tiny-llama", cache)) {
                llm.complete(asks.getFirst());
            }
            try (LlmClient again = client(server, "tiny-llama", cache)) {
                assertEquals(2, again.completeAll(asks, p -> {}).responses().size());
                assertTrue(again.stream(asks.getFirst(), new Pieces()).cached());
            }
        }
        List<String> prompts = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : Files.readAllLines(audit)) {
            prompts.add(mapper.readTree(mapper.readTree(line).path("body").asText())
                    .path("prompt")
                    .asText());
        }
        assertEquals(List.of("Lily went", "Tom saw"), prompts);
    }

    @Test
    void twoHundredRequestsEightAtATimeLoseNothing(@TempDir Path dir) throws IOException {
        Path audit = dir.resolve("audit.jsonl");
        Sampling short4 = Sampling.DEFAULT.withTemperature(0.0).withMaxTokens(4);
        List<CompletionRequest> asks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            asks.add(new CompletionRequest("Story " + i + ": Lily", short4));
        }
        ServedModel llama = TestModels.tinyLlama();
        try (OpenAiServer server = OpenAiServer.start(
                        llama, ServerOptions.loopback(0).withAuditLog(audit).withMaxBatch(8));
                LlmClient llm = LlmClient.open(ClientConfig.of(URI.create(server.baseUrl()), "tiny-llama")
                        .withMaxConcurrency(8)
                        .withCacheFile(dir.resolve("cache.jsonl")))) {
            List<LlmResponse> answers = llm.completeAll(asks, p -> {}).responses();
            assertEquals(200, answers.size());
            for (int i : new int[] {0, 57, 199}) {
                String prompt = asks.get(i).prompt();
                Generation expected = TestModels.direct(
                        llama, llama.tokenizer().encode(prompt, true), 4, List.of(), Sampler.greedy());
                assertEquals(expected.text(), answers.get(i).text(), "answer " + i + " belongs to its own prompt");
            }
            assertEquals(800, llm.usage().completionTokens());
        }
        assertEquals(200, Files.readAllLines(audit).size(), "each request reached the server exactly once");
        assertEquals(200, Files.readAllLines(dir.resolve("cache.jsonl")).size());
    }
}
