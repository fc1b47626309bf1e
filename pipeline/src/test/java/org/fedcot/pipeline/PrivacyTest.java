package org.fedcot.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fedcot.eval.data.Dataset;
import org.fedcot.eval.data.DatasetReader;
import org.fedcot.eval.data.QaExample;
import org.fedcot.llm.server.OpenAiServer;
import org.fedcot.pipeline.config.ConfigException;
import org.fedcot.pipeline.config.ConfigReader;
import org.fedcot.pipeline.prompt.QuestionText;
import org.fedcot.pipeline.prompt.RationalePrompts;
import org.fedcot.pipeline.run.RunListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server sees: the audit log of a real server, read as a semi-honest server would. */
class PrivacyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void withoutNonPrivateNoRawPrivateQuestionReachesTheServer() throws IOException {
        Path audit = dir.resolve("audit.jsonl");
        try (OpenAiServer server = TinyRun.server(audit)) {
            Path config = TinyRun.config(dir, "[standalone, fedcot-e, fedcot-a]", "");
            Pipeline.run(ConfigReader.read(config, Map.of("llm.url", server.baseUrl())), RunListener.NONE);
        }
        List<String> prompts = TinyRun.auditedPrompts(audit);
        List<QaExample> privatePart = privateExamples();
        assertFalse(privatePart.isEmpty());
        for (QaExample e : privatePart) {
            String question = e.question().strip();
            assertTrue(prompts.stream().noneMatch(p -> p.contains(question)), "raw private question sent: " + question);
        }
        for (String perturbed : outputs("perturbed-eps3")) {
            assertTrue(
                    prompts.contains(RationalePrompts.request(perturbed)), "perturbed prompt not sent: " + perturbed);
        }
        for (String encoded : outputs("fedcot-a-encoded")) {
            assertTrue(prompts.contains(RationalePrompts.request(encoded.strip() + "\n")), "encoded prompt not sent");
        }
    }

    @Test
    void rawPrivateQuestionsLeaveOnlyInNonPrivateRequestsWhenAllowed() throws IOException {
        Path audit = dir.resolve("audit.jsonl");
        try (OpenAiServer server = TinyRun.server(audit)) {
            Path config = TinyRun.config(dir, "[non-private, fedcot-e]", "");
            Files.writeString(
                    config,
                    Files.readString(config)
                            .replace("  concurrency: 2\n", "  concurrency: 2\n  allowRawPrompts: true\n"));
            Pipeline.run(ConfigReader.read(config, Map.of("llm.url", server.baseUrl())), RunListener.NONE);
        }
        List<String> prompts = TinyRun.auditedPrompts(audit);
        List<QaExample> privatePart = privateExamples();
        for (QaExample e : privatePart) {
            String nonPrivate = RationalePrompts.request(QuestionText.of(e));
            List<String> carrying = prompts.stream()
                    .filter(p -> p.contains(e.question().strip()))
                    .toList();
            assertEquals(List.of(nonPrivate), carrying, "raw question outside its Non-Private request");
        }
    }

    @Test
    void listingARawMethodWithoutPermissionIsOneErrorBeforeAnyWork() throws IOException {
        Path config = TinyRun.config(dir, "[standalone, non-private]", "");
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> Pipeline.run(
                        ConfigReader.read(config, Map.of("llm.url", "http://127.0.0.1:9/v1")), RunListener.NONE));
        assertTrue(e.getMessage().contains("line 31: methods: non-private sends raw private prompts"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("run")));
    }

    /** The private examples of the run, by the ids the run recorded. */
    private List<QaExample> privateExamples() throws IOException {
        JsonNode split = JSON.readTree(dir.resolve("run/split.json").toFile());
        Map<String, QaExample> byId = DatasetReader.read(TinyRun.trainFile(), Dataset.CQA).stream()
                .collect(Collectors.toMap(QaExample::id, Function.identity(), (a, b) -> a));
        List<QaExample> out = new ArrayList<>();
        split.path("private").forEach(id -> out.add(byId.get(id.asText())));
        return out;
    }

    private List<String> outputs(String stage) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("run/stages/" + stage + ".jsonl"))) {
            out.add(JSON.readTree(line).path("output").asText());
        }
        return out;
    }
}
