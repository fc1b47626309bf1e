package org.fedcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of bad input, over the commands that take it, is one line on stderr that names the file, field
 * or flag, with a non-zero exit and no stack trace: files that are missing, directories, not UTF-8 or empty;
 * fields and ids the project's own formats do not allow; sizes that cannot fit; enum values that do not exist.
 */
class BadInputTest {
    @TempDir
    Path tmp;

    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        config = Files.writeString(tmp.resolve("config.json"), """
                {"model_type": "llama", "vocab_size": 32, "hidden_size": 16, "intermediate_size": 24,
                 "num_hidden_layers": 1, "num_attention_heads": 4, "num_key_value_heads": 2,
                 "max_position_embeddings": 32}
                """);
    }

    /** Runs {@code args} with FILE replaced by {@code file} and checks the one clean line, which it returns. */
    private static String oneLine(Path file, String... args) {
        String[] all =
                Stream.of(args).map(a -> a.replace("FILE", file.toString())).toArray(String[]::new);
        CliRun r = CliRun.of(all);
        String call = String.join(" ", all);
        assertTrue(r.code() == 1 || r.code() == 2, call + " exits " + r.code() + ": " + r.err());
        assertEquals(1, r.err().strip().lines().count(), call + ": " + r.err());
        assertTrue(r.err().startsWith("fedcot: "), call + ": " + r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), call + ": " + r.err());
        return r.message();
    }

    /** The commands that read a file a user names, FILE standing for it. */
    static Stream<Arguments> fileReaders() {
        return Stream.of(
                Arguments.of((Object) new String[] {"init", "--arch", "llama", "--config", "FILE", "--out", "OUT"}),
                Arguments.of((Object) new String[] {"ask", "--llm-model", "m", "--batch", "FILE"}),
                Arguments.of((Object) new String[] {"ask", "--llm-model", "m", "--dataset", "cqa", "--data", "FILE"}),
                Arguments.of((Object) new String[] {"perturb", "--embeddings", "FILE", "--epsilon", "3", "hi"}),
                Arguments.of((Object) new String[] {"tokenize", "--tokenizer", "FILE", "hi"}),
                Arguments.of((Object) new String[] {"generate", "--model", "FILE"}),
                Arguments.of((Object) new String[] {"bench", "train", "--model", "FILE"}));
    }

    private String[] withOut(String[] args) {
        return Stream.of(args)
                .map(a -> a.replace("OUT", tmp.resolve("out").toString()))
                .toArray(String[]::new);
    }

    @ParameterizedTest
    @MethodSource("fileReaders")
    void aMissingFileIsNamed(String[] args) {
        Path missing = tmp.resolve("nope.json");
        String message = oneLine(missing, withOut(args));
        assertTrue(message.contains(missing.toString()), message);
    }

    @ParameterizedTest
    @MethodSource("fileReaders")
    void aDirectoryIsNamed(String[] args) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("a-directory"));
        String message = oneLine(dir, withOut(args));
        assertTrue(message.contains(dir.toString()), message);
    }

    @ParameterizedTest
    @MethodSource("fileReaders")
    void aFileThatIsNotUtf8IsNamed(String[] args) throws IOException {
        Path latin1 = Files.write(tmp.resolve("latin1.json"), new byte[] {'{', '"', 'c', 'a', 'f', (byte) 0xE9, ' '});
        String message = oneLine(latin1, withOut(args));
        assertTrue(message.contains(latin1.toString()), message);
        assertFalse(message.contains("Input length"), message);
    }

    @ParameterizedTest
    @MethodSource("fileReaders")
    void anEmptyFileIsNamed(String[] args) throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.json"));
        String message = oneLine(empty, withOut(args));
        assertTrue(message.contains(empty.toString()), message);
    }

    @Test
    void theMoreReadersOfTextFilesNameTheFile() throws IOException {
        Path latin1 = Files.write(tmp.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
        String tokenizer = MadeMaterial.tokenizer().toString();
        String model = MadeMaterial.model().toString();
        List<String[]> calls = List.of(
                new String[] {
                    "perturb", "--embeddings", model, "--tokenizer", tokenizer, "--epsilon", "3", "--input", "FILE"
                },
                new String[] {
                    "perturb",
                    "--embeddings",
                    model,
                    "--tokenizer",
                    tokenizer,
                    "--epsilon",
                    "3",
                    "--sensitive",
                    "FILE",
                    "hi"
                },
                new String[] {
                    "eval",
                    "--model",
                    model,
                    "--tokenizer",
                    tokenizer,
                    "--dataset",
                    "cqa",
                    "--data",
                    "FILE",
                    "--out",
                    tmp.resolve("ev").toString()
                });
        for (String[] call : calls) {
            String message = oneLine(latin1, call);
            assertTrue(message.startsWith(latin1 + ":") && message.contains("not UTF-8"), message);
        }
    }

    @Test
    void anOutputThatIsADirectoryOrHasNoDirectoryNamesWhatTheUserGave() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("out-dir"));
        Path model = tmp.resolve("model");
        assertEquals(
                0,
                CliRun.command("init", "--arch", "llama", "--config", config.toString(), "--out", model.toString())
                        .code());
        Path batch =
                Files.writeString(tmp.resolve("batch.json"), "{\"input_ids\": [[1, 2, 3]], \"labels\": [[1, 2, 3]]}");
        String message =
                oneLine(dir, "grads", "--model", model.toString(), "--batch", batch.toString(), "--out", "FILE");
        assertEquals(dir + ": is a directory, expected a file", message);
        Path orphan = tmp.resolve("no-such-dir").resolve("g.safetensors");
        message = oneLine(orphan, "grads", "--model", model.toString(), "--batch", batch.toString(), "--out", "FILE");
        assertTrue(message.startsWith(orphan.getParent() + ": no such file or directory"), message);
        assertFalse(message.contains(".tmp"), message);
    }

    @Test
    void sizesThatCannotFitAreRefusedBeforeAllocatingNamingTheFlag() {
        // train --batch is TrainBadInputTest's, with a model and tokenizer that fit each other
        String bench = oneLine(config, "bench", "train", "--model", "FILE", "--seq", "8", "--batch", "100000000");
        assertTrue(bench.startsWith("--batch 100000000 --seq 8:"), bench);
        String demo = oneLine(
                config,
                "demo",
                "--train",
                "2000000000",
                "--run-dir",
                tmp.resolve("run").toString(),
                "--cache",
                tmp.resolve("cache").toString());
        assertTrue(demo.startsWith("--train 2000000000") && demo.contains("FEDCOT_JAVA_OPTS=-Xmx"), demo);
        assertTrue(Files.notExists(tmp.resolve("run")), "nothing was written");
    }

    @Test
    void unknownFieldsOfTheProjectsOwnFormatsAreNamed() throws IOException {
        Path batch = Files.writeString(tmp.resolve("batch.jsonl"), "{\"id\": \"q1\", \"promt\": \"hi\"}\n");
        String ask = oneLine(batch, "ask", "--llm-model", "m", "--batch", "FILE");
        assertTrue(ask.startsWith("batch.jsonl:1: field 'prompt' (a string) or 'messages' (a list) is missing"), ask);
        Path extra = Files.writeString(tmp.resolve("extra.jsonl"), "{\"prompt\": \"hi\", \"temperature\": 0.5}\n");
        String unknown = oneLine(extra, "ask", "--llm-model", "m", "--batch", "FILE");
        assertTrue(
                unknown.startsWith("extra.jsonl:1: unknown field 'temperature' (the fields are id, messages, prompt)"),
                unknown);

        Path model = tmp.resolve("model");
        assertEquals(
                0,
                CliRun.command("init", "--arch", "llama", "--config", config.toString(), "--out", model.toString())
                        .code());
        Path ids = Files.writeString(
                tmp.resolve("ids.json"), "{\"input_ids\": [[1, 2]], \"labels\": [[1, 2]], \"attention\": [[1, 1]]}");
        String grads = oneLine(
                ids,
                "grads",
                "--model",
                model.toString(),
                "--batch",
                "FILE",
                "--out",
                tmp.resolve("g.safetensors").toString());
        assertTrue(grads.startsWith(ids + ": unknown field 'attention'"), grads);
    }

    @Test
    void aCacheFileThatIsNotACacheIsRefusedAndLeftAsItIs() throws IOException {
        String text = "an ordinary line of somebody's notes, no line end";
        Path notes = Files.writeString(tmp.resolve("notes.txt"), text);
        String message = oneLine(
                notes, "ask", "--llm-model", "m", "--llm-url", "http://127.0.0.1:9/v1", "--cache", "FILE", "hi");
        assertTrue(message.startsWith("response cache " + notes + " line 1 is not a cache entry"), message);
        assertEquals(text, Files.readString(notes), "the file is untouched");
    }

    @Test
    void aBatchWithNoPromptsIsRefused() throws IOException {
        Path blank = Files.writeString(tmp.resolve("blank.jsonl"), "\n\n");
        assertEquals(blank + ": holds no prompts", oneLine(blank, "ask", "--llm-model", "m", "--batch", "FILE"));
    }

    @Test
    void aBatchWithTheSameIdTwiceNamesTheLineAndTheId() throws IOException {
        Path batch = Files.writeString(tmp.resolve("batch.jsonl"), """
                {"id": "q1", "prompt": "one"}
                {"prompt": "two"}
                {"id": "q1", "prompt": "three"}
                """);
        String message = oneLine(batch, "ask", "--llm-model", "m", "--batch", "FILE");
        assertTrue(message.startsWith("batch.jsonl:3: id 'q1' is already the id of line 1"), message);
    }

    @Test
    void anUnknownEnumValueIsRefusedEvenWhenItsFileIsNotGiven() {
        String model = MadeMaterial.model().toString();
        String tokenizer = MadeMaterial.tokenizer().toString();
        String message = oneLine(
                tmp,
                "perturb",
                "--embeddings",
                model,
                "--tokenizer",
                tokenizer,
                "--epsilon",
                "3",
                "--sensitive-mode",
                "bogus",
                "hi");
        assertTrue(message.startsWith("--sensitive-mode bogus is not one of"), message);
    }

    @Test
    void aContextLongerThanTheModelsIsRefused() {
        String bench = oneLine(tmp, "bench", "eval", "--model", "stories260K", "--context", "100000");
        assertTrue(bench.startsWith("--context 100000") && bench.contains("context of 512 positions"), bench);

        String model = MadeMaterial.model().toString();
        String tokenizer = MadeMaterial.tokenizer().toString();
        String prompt = "Once upon a time ".repeat(200);
        String generate = oneLine(tmp, "generate", "--model", model, "--tokenizer", tokenizer, "--prompt", prompt);
        assertTrue(generate.startsWith("--prompt is ") && generate.contains("context of 512 positions"), generate);
    }

    @Test
    void questionsWithTheSameChoiceTwiceAreNamedOnOneLine() throws IOException {
        String model = MadeMaterial.model().toString();
        String tokenizer = MadeMaterial.tokenizer().toString();
        Path data = Files.writeString(tmp.resolve("dup.jsonl"), """
                {"id": "q1", "question": "Where?", "choices": ["home", "park", "home"], "answer": "park"}
                """);
        CliRun r = CliRun.command(
                "eval",
                "--model",
                model,
                "--tokenizer",
                tokenizer,
                "--dataset",
                "cqa",
                "--data",
                data.toString(),
                "--out",
                tmp.resolve("ev").toString());
        assertEquals(0, r.code(), r.err());
        List<String> warnings = new ArrayList<>(
                r.err().lines().filter(l -> l.contains("warning")).toList());
        assertEquals(1, warnings.size(), r.err());
        assertTrue(
                warnings.getFirst()
                        .contains(data + ": 1 question offers the same choice twice (first: record 1, "
                                + "id q1: choices 1 and 3 are both \"home\")"),
                warnings.getFirst());
    }

    @Test
    void aUsageErrorIsOneLinePointingAtHelp() {
        CliRun r = CliRun.command("generate", "--model", "m", "--max-tokens", "-1");
        assertEquals(2, r.code());
        assertEquals(
                "fedcot: --max-tokens must be >= 0, got -1 (see 'fedcot generate --help')",
                r.err().strip());
    }

    @Test
    void controlCharactersQuotedFromTheInputAreEscapedInErrors() {
        CliRun r = CliRun.command("bench", "eval", "--model", "evil\u001b[2J\nname");
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("evil\\u001b[2J") && !r.err().contains("\u001b"), r.err());
    }

    @Test
    void decodedControlCharactersAreShownNotObeyed() {
        String tokenizer = MadeMaterial.tokenizer().toString();
        CliRun ids = CliRun.command("tokenize", "--tokenizer", tokenizer, "--no-special", "\u001b\r");
        assertEquals(0, ids.code(), ids.err());
        List<String> decode = new ArrayList<>(List.of("--tokenizer", tokenizer, "--decode"));
        decode.addAll(List.of(ids.out().strip().split(" ")));
        CliRun r = CliRun.command("tokenize", decode.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertEquals("\\u001b\\u000d", r.out().strip());
    }
}
