package org.fedcot.cli.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.cli.CliRun;
import org.fedcot.cli.MadeMaterial;
import org.fedcot.llm.server.OpenAiServer;
import org.fedcot.llm.server.ServedModel;
import org.fedcot.llm.server.ServerOptions;
import org.fedcot.models.checkpoint.HfCheckpointWriter;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TransformerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fedcot ask} against the project's server on loopback, with an audit log, hosting a random Llama
 * with the made tokenizer and room for the chain-of-thought templates' few-shot prompts, on the made questions.
 */
class AskCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static OpenAiServer server;

    @BeforeAll
    static void start() throws IOException {
        Path model = dir.resolve("tiny");
        TransformerConfig config = TransformerConfig.builder(ModelType.LLAMA)
                .vocabSize(MadeMaterial.VOCAB)
                .hiddenSize(16)
                .intermediateSize(32)
                .numLayers(1)
                .numHeads(2)
                .numKvHeads(1)
                .maxPositionEmbeddings(2048)
                .build();
        HfCheckpointWriter.save(DecoderModel.random(config, 3), model);
        ServedModel tiny = ServedModel.load(model, MadeMaterial.tokenizer(), "tiny");
        server = OpenAiServer.start(tiny, ServerOptions.loopback(0).withAuditLog(dir.resolve("audit.jsonl")));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static CliRun ask(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--llm-url";
        all[1] = server.baseUrl();
        all[2] = "--llm-model";
        all[3] = "tiny";
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRun.command("ask", all);
    }

    @Test
    void streamedAndUnstreamedAnswersAgree() {
        CliRun whole = ask("--max-tokens", "12", "Once upon a time");
        CliRun streamed = ask("--max-tokens", "12", "--stream", "Once upon a time");
        assertEquals(0, whole.code(), whole.err());
        assertEquals(whole.out(), streamed.out());
        assertTrue(whole.out().strip().length() > 0, whole.out());
        assertTrue(whole.err().contains("tokens: "), whole.err());
    }

    @Test
    void batchResumesFromItsCacheWithoutAskingAgain() throws IOException {
        Path batch = dir.resolve("batch.jsonl");
        Files.writeString(
                batch,
                "{\"id\": \"a\", \"prompt\": \"Lily saw a cat\"}\n"
                        + "{\"messages\": [{\"role\": \"user\", \"content\": \"Tom ran\"}]}\n");
        Path cache = dir.resolve("cache.jsonl");
        Path out = dir.resolve("answers.jsonl");
        long before = Files.readAllLines(dir.resolve("audit.jsonl")).size();
        CliRun first = ask(
                "--max-tokens", "5", "--cache", cache.toString(), "--batch", batch.toString(), "--out", out.toString());
        CliRun again = ask(
                "--max-tokens", "5", "--cache", cache.toString(), "--batch", batch.toString(), "--out", out.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().startsWith("2 answers (0 from the cache)"), first.out());
        assertTrue(again.out().startsWith("2 answers (2 from the cache)"), again.out());
        assertEquals(before + 2, Files.readAllLines(dir.resolve("audit.jsonl")).size());
        List<String> lines = Files.readAllLines(out);
        assertEquals("a", JSON.readTree(lines.get(0)).path("id").asText());
        assertEquals("2", JSON.readTree(lines.get(1)).path("id").asText());
    }

    @Test
    void datasetQuestionsAreAskedWithTheirTemplateAndScored() throws IOException {
        Path out = dir.resolve("cqa.jsonl");
        CliRun run = ask(
                "--max-tokens",
                "8",
                "--dataset",
                "cqa",
                "--data",
                MadeMaterial.questions().toString(),
                "--limit",
                "3",
                "--out",
                out.toString());
        assertEquals(0, run.code(), run.err());
        String last = run.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.matches("accuracy cqa cot: \\d\\.\\d{4} \\(95% CI \\d\\.\\d{4}-\\d\\.\\d{4}, n=3\\)"), last);
        assertEquals(3, Files.readAllLines(out).size());
        assertTrue(JSON.readTree(Files.readAllLines(out).getFirst()).has("gold"));
    }

    @Test
    void badInputIsOneLine() throws IOException {
        Path batch = dir.resolve("bad.jsonl");
        Files.writeString(batch, "{\"prompt\": \"ok\"}\n{\"text\": 3}\n");
        CliRun run = ask("--batch", batch.toString());
        assertEquals(1, run.code());
        assertEquals("bad.jsonl:2: field 'prompt' (a string) or 'messages' (a list) is missing", run.message());
        CliRun noData = ask("--dataset", "cqa");
        assertEquals("--dataset cqa needs --data FILE", noData.message());
        CliRun down =
                CliRun.command("ask", "--llm-url", "http://127.0.0.1:9/v1", "--llm-model", "m", "--retries", "1", "hi");
        assertEquals(1, down.code());
        assertTrue(
                down.message().startsWith("POST http://127.0.0.1:9/v1/completions failed after 1 attempt"),
                down.message());
    }
}
