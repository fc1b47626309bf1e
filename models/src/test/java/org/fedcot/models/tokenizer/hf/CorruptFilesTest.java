package org.fedcot.models.tokenizer.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.fedcot.models.tokenizer.TokenizerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every broken or unsupported file gives one TokenizerException naming the file and the problem. */
class CorruptFilesTest {
    @TempDir
    Path dir;

    @Test
    void truncatedJson() throws IOException {
        String json = validJson(tree -> {});
        assertProblem(
                write(json.substring(0, json.length() / 2)),
                "is not valid JSON (truncated or corrupt): Unexpected end-of-input");
    }

    @Test
    void emptyAndMissingFiles() throws IOException {
        assertProblem(write(""), "is empty");
        Path missing = dir.resolve("nothing.json");
        TokenizerException e = assertThrows(TokenizerException.class, () -> HfTokenizer.load(missing));
        assertEquals(missing + ": does not exist", e.getMessage());
    }

    @Test
    void unsupportedModelType() throws IOException {
        assertProblem(
                write(validJson(tree -> model(tree).put("type", "WordPiece"))),
                "model type 'WordPiece' is not supported (byte-level BPE only)");
    }

    @Test
    void missingOrBrokenMerges() throws IOException {
        assertProblem(write(validJson(tree -> model(tree).remove("merges"))), "model has no 'merges'");
        assertProblem(
                write(validJson(tree -> model(tree).withArray("merges").insert(0, "Ġ zzz"))),
                "merges[0] ('Ġ zzz'): token 'zzz' is not in the vocabulary");
        assertProblem(
                write(validJson(tree -> model(tree).withArray("merges").insert(0, "nospace"))),
                "model.merges[0] 'nospace' is not a pair \"a b\"");
    }

    @Test
    void brokenVocab() throws IOException {
        assertProblem(
                write(validJson(tree -> model(tree).withObject("vocab").put("dup", 3))),
                "model.vocab: id 3 is given to both");
        assertProblem(
                write(validJson(tree -> model(tree).withObject("vocab").put("neg", -1))),
                "model.vocab['neg'] is not a token id (a non-negative integer)");
    }

    @Test
    void unsupportedComponents() throws IOException {
        assertProblem(
                write(validJson(tree -> tree.putObject("normalizer").put("type", "Lowercase"))),
                "normalizer type 'Lowercase' is not supported (byte-level BPE only)");
        assertProblem(
                write(validJson(tree -> tree.putObject("pre_tokenizer").put("type", "Metaspace"))),
                "pre_tokenizer type 'Metaspace' is not supported (byte-level BPE only)");
        assertProblem(
                write(validJson(tree -> tree.putObject("decoder").put("type", "WordPiece"))),
                "decoder type 'WordPiece' is not supported (byte-level BPE only)");
        assertProblem(write(validJson(tree -> tree.putNull("decoder"))), "decoder is missing");
        assertProblem(
                write(validJson(tree -> model(tree).put("dropout", 0.1))),
                "model.dropout = 0.1 is not supported (BPE dropout makes encoding random)");
        assertProblem(
                write(validJson(tree -> tree.putObject("truncation").put("max_length", 8))),
                "truncation is set, which is not supported");
    }

    @Test
    void preTokenizerWithoutByteLevelOrWithUnknownRegex() throws IOException {
        assertProblem(
                write(validJson(tree -> tree.putObject("pre_tokenizer")
                        .put("type", "Split")
                        .put("behavior", "Isolated")
                        .putObject("pattern")
                        .put("Regex", "\\s+"))),
                "pre_tokenizer has 0 ByteLevel steps; byte-level BPE needs exactly one");
        assertProblem(
                write(validJson(tree -> tree.putObject("pre_tokenizer")
                        .put("type", "Split")
                        .put("behavior", "Isolated")
                        .putObject("pattern")
                        .put("Regex", "[[:alpha:]]+"))),
                "regex /[[:alpha:]]+/ uses a POSIX bracket class, which is not supported");
    }

    @Test
    void notJsonAtAll() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        assertProblem(file, "is not valid JSON (truncated or corrupt)");
    }

    @Test
    void brokenGpt2Files() throws IOException {
        Path encoder = dir.resolve("encoder.json");
        Path merges = dir.resolve("vocab.bpe");
        Files.writeString(encoder, "[1, 2]");
        Files.writeString(merges, "#version: 0.2\nĠ t\n");
        TokenizerException e = assertThrows(TokenizerException.class, () -> HfTokenizer.fromGpt2Files(encoder, merges));
        assertEquals(encoder + ": is not a JSON object of token to id", e.getMessage());

        Files.writeString(encoder, "{\"Ġ\": 0, \"t\": 1, \"Ġt\": 2}");
        Files.writeString(merges, "#version: 0.2\nĠ t\nbroken\n");
        e = assertThrows(TokenizerException.class, () -> HfTokenizer.fromGpt2Files(encoder, merges));
        assertEquals(merges + ": line 3 'broken' is not a pair \"a b\"", e.getMessage());
    }

    private static ObjectNode model(ObjectNode tree) {
        return (ObjectNode) tree.get("model");
    }

    /** A small valid tokenizer.json, changed by {@code edit}. */
    private static String validJson(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode tree = TokenizerJsonWriter.toTree(
                new BpeTrainer(300, List.of("<|endoftext|>")).train(List.of("the cat sat on the mat")));
        edit.accept(tree);
        return Json.MAPPER.writeValueAsString(tree);
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static void assertProblem(Path file, String problem) {
        TokenizerException e = assertThrows(TokenizerException.class, () -> HfTokenizer.load(file));
        String prefix = file + ": ";
        assertEquals(
                prefix,
                e.getMessage()
                        .substring(0, Math.min(prefix.length(), e.getMessage().length())),
                e.getMessage());
        String said = e.getMessage().substring(prefix.length());
        assertEquals(problem, said.substring(0, Math.min(problem.length(), said.length())), e.getMessage());
    }
}
