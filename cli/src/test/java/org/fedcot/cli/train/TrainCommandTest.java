package org.fedcot.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.cli.CliRun;
import org.fedcot.cli.MadeMaterial;
import org.fedcot.models.checkpoint.HfCheckpoint;
import org.fedcot.models.tokenizer.Tokenizers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fedcot train}: a run end to end, resuming, and one clear line for each kind of bad input. */
class TrainCommandTest {
    private static final String GOOD = """
            {"prompt": "Is the sky blue?", "target": "The sky is blue.", "task": "rationale"}
            {"prompt": "Is the sky blue?", "target": "yes", "task": "label"}

            {"prompt": "Is the sky green?", "target": "no", "task": "label"}
            """;

    @TempDir
    Path tmp;

    private Path model;
    private Path data;

    @BeforeEach
    void setUp() throws IOException {
        model = MadeMaterial.writeModel(tmp.resolve("model"), 64);
        data = Files.writeString(tmp.resolve("data.jsonl"), GOOD);
    }

    private CliRun train(String... extra) {
        return CliRun.command(
                "train",
                List.of(
                        "--model",
                        model.toString(),
                        "--data",
                        data.toString(),
                        "--out",
                        tmp.resolve("out").toString(),
                        "--batch",
                        "2",
                        "--lr",
                        "1e-3",
                        "--save-every",
                        "2"),
                extra);
    }

    @Test
    void trainsAndSavesACompleteModelDirectory() throws IOException {
        CliRun r = train(
                "--steps",
                "4",
                "--micro-batch",
                "1",
                "--alpha",
                "0.5",
                "--eval-data",
                data.toString(),
                "--eval-every",
                "2");
        assertEquals(0, r.code(), r.message());
        assertTrue(r.out().contains("3 examples"), r.out());
        assertTrue(r.out().contains("step 2: eval loss") && r.out().contains("step 4: checkpoint"), r.out());
        assertTrue(r.out().lines().reduce((a, b) -> b).orElseThrow().startsWith("trained 4 steps"), r.out());
        Path out = tmp.resolve("out");
        assertTrue(Files.isDirectory(out.resolve("checkpoint-2")) && Files.isDirectory(out.resolve("checkpoint-4")));
        HfCheckpoint.load(out);
        Tokenizers.load(out);
    }

    @Test
    void aRunIsResumedOnlyWhenAsked() {
        CliRun nothing = train("--steps", "2", "--resume");
        assertEquals(1, nothing.code());
        assertTrue(nothing.message().contains("holds no checkpoint-<step> directory"), nothing.message());
        assertEquals(0, train("--steps", "2").code());
        CliRun again = train("--steps", "4");
        assertEquals(1, again.code());
        assertTrue(again.message().contains("already holds checkpoint-2; pass --resume"), again.message());
        CliRun resumed = train("--steps", "4", "--resume");
        assertEquals(1, resumed.code(), "other steps, so other schedule: refused");
        assertTrue(resumed.message().contains("steps 2 -> 4"), resumed.message());
        CliRun same = train("--steps", "2", "--resume");
        assertEquals(0, same.code(), same.message());
        assertTrue(same.out().contains("resuming at step 2"), same.out());
    }

    @Test
    void badLinesAreNamedByFileLineAndField() throws IOException {
        assertBadLine("{\"prompt\": \"a\", \"target\": \"b\"}\n{\"prompt\": \"a\",", ":2: not valid JSON");
        assertBadLine("{\"prompt\": \"a\"}", ":1: field \"target\" is missing");
        assertBadLine("{\"prompt\": \"a\", \"target\": 3}", ":1: field \"target\" must be a string, not number");
        assertBadLine("[1, 2]", ":1: expected a JSON object");
        assertBadLine(
                "{\"prompt\": \"a\", \"target\": \"b\", \"task\": \"summary\"}",
                ":1: task 'summary' has no weight; the weighted tasks are label, rationale");
        assertBadLine("\n\n", ": holds no examples");
        Files.writeString(data, "{\"prompt\": \"" + "a b ".repeat(40) + "\", \"target\": \"b\"}");
        String tooLong = train("--steps", "1").message();
        assertTrue(
                tooLong.matches(
                        ".*data.jsonl:1: \\d+ tokens \\(prompt \\+ target\\), more than the model's 64 positions"),
                tooLong);
    }

    private void assertBadLine(String content, String expected) throws IOException {
        Files.writeString(data, content);
        CliRun r = train("--steps", "1", "--alpha", "0.5");
        assertEquals(1, r.code());
        assertEquals(
                data + expected,
                r.message().substring(0, Math.min(r.message().length(), (data + expected).length())),
                r.message());
    }

    @Test
    void badSettingsAreOneClearLine() {
        String missing = CliRun.command(
                        "train",
                        "--model",
                        model.toString(),
                        "--data",
                        tmp.resolve("none.jsonl").toString(),
                        "--out",
                        tmp.resolve("out").toString())
                .message();
        assertTrue(missing.endsWith("none.jsonl: no such file"), missing);
        assertMessage("batch size 2 is not a multiple of the micro-batch size 3", "--micro-batch", "3");
        assertMessage("unknown learning-rate schedule 'step'", "--schedule", "step");
        assertMessage("alpha must be in [0, 1]", "--alpha", "2");
        String sameDir = CliRun.command(
                        "train", "--model", model.toString(), "--data", data.toString(), "--out", model.toString())
                .message();
        assertTrue(sameDir.contains("--out must differ from --model"), sameDir);
    }

    private void assertMessage(String expected, String... args) {
        String message = train(args).message();
        assertTrue(message.contains(expected), message);
    }
}
