package org.fedcot.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.cli.CliRun;
import org.fedcot.cli.MadeMaterial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fedcot eval} with the made model on the made questions (CQA layout, five choices each). */
class EvalCommandTest {
    private static final String SUMMARY = " \\d\\.\\d{4} \\(95%% CI \\d\\.\\d{4}-\\d\\.\\d{4}, n=%d\\)";

    @TempDir
    Path tmp;

    private static CliRun eval(String... args) {
        String[] model = {
            "--model",
            MadeMaterial.model().toString(),
            "--tokenizer",
            MadeMaterial.tokenizer().toString()
        };
        String[] all = new String[model.length + args.length];
        System.arraycopy(model, 0, all, 0, model.length);
        System.arraycopy(args, 0, all, model.length, args.length);
        return CliRun.command("eval", all);
    }

    private static String cqaTest() {
        return MadeMaterial.questions().toString();
    }

    private static List<String> lastLines(CliRun r, int n) {
        List<String> lines = r.out().strip().lines().toList();
        return lines.subList(lines.size() - n, lines.size());
    }

    @Test
    void multipleChoicePrintsAccNormThenAccuracyAndWritesOnePredictionPerQuestion() throws IOException {
        Path out = tmp.resolve("out");
        CliRun r = eval("--dataset", "cqa", "--data", cqaTest(), "--limit", "20", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> last = lastLines(r, 2);
        assertTrue(last.get(0).matches("acc_norm cqa mc:" + SUMMARY.formatted(20)), last.get(0));
        assertTrue(last.get(1).matches("accuracy cqa mc:" + SUMMARY.formatted(20)), last.get(1));
        List<String> predictions = Files.readAllLines(out.resolve(EvalCommand.PREDICTIONS));
        assertEquals(20, predictions.size());
        JsonNode first = new ObjectMapper().readTree(predictions.getFirst());
        assertEquals(5, first.get("logliks").size());
        int correct = 0;
        for (String line : predictions) {
            correct += new ObjectMapper().readTree(line).get("correct").asBoolean() ? 1 : 0;
        }
        assertTrue(last.get(1).startsWith("accuracy cqa mc: %.4f".formatted(correct / 20.0)), last.get(1));
        JsonNode results = new ObjectMapper()
                .readTree(out.resolve("results.json").toFile())
                .get("rows");
        assertEquals(2, results.size());
        assertEquals(correct, results.get(0).get("correct").asInt());
        assertTrue(Files.readString(out.resolve("report.md")).contains("| " + MadeMaterial.NAME + " mc 0-shot | "));
    }

    @Test
    void generationAndFewShot() throws IOException {
        Path out = tmp.resolve("gen");
        CliRun r = eval(
                "--dataset",
                "cqa",
                "--data",
                cqaTest(),
                "--limit",
                "3",
                "--mode",
                "gen",
                "--max-new-tokens",
                "6",
                "--shots",
                "1",
                "--fewshot-data",
                cqaTest(),
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        String last = lastLines(r, 1).getFirst();
        assertTrue(last.matches("accuracy cqa gen:" + SUMMARY.formatted(3)), last);
        List<String> predictions = Files.readAllLines(out.resolve(EvalCommand.PREDICTIONS));
        assertEquals(3, predictions.size());
        assertTrue(new ObjectMapper().readTree(predictions.getFirst()).has("generated"), predictions.getFirst());
    }

    @Test
    void errorsAreOneLine() {
        CliRun missing =
                eval("--dataset", "cqa", "--data", tmp.resolve("nope.json").toString());
        assertEquals(1, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.message().contains("nope.json: no such file"), missing.message());

        CliRun unknown = eval("--dataset", "squad", "--data", cqaTest());
        assertEquals(1, unknown.code());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        assertEquals("unknown dataset 'squad' (known: cqa, obqa, arc-easy, boolq)", unknown.message());

        CliRun noPool = eval("--dataset", "cqa", "--data", cqaTest(), "--shots", "2");
        assertEquals(1, noPool.code());
        assertTrue(noPool.message().contains("needs --fewshot-data"), noPool.message());
    }
}
