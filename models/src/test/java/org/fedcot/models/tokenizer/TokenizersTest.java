package org.fedcot.models.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedcot.models.tokenizer.hf.HfTokenizer;
import org.fedcot.models.tokenizer.llama2c.Llama2cTokenizer;
import org.fedcot.models.tokenizer.llama2c.TokenizerBinBytes;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Tokenizers#load} on each kind of path: files told apart by content, directories searched. */
class TokenizersTest {
    private static final String TOKENIZERS = "models/tokenizers/";
    private static final String TEXT = "Hello, world! naïve café 😀";

    @TempDir
    Path tmp;

    private static Path tokenizer(String relative) {
        return SharedFiles.path(TOKENIZERS + relative);
    }

    private static void assertGpt2(Tokenizer t) {
        assertInstanceOf(HfTokenizer.class, t);
        assertEquals(50257, t.vocabSize());
        assertArrayEquals(new int[] {15496, 11, 995, 0}, t.encode("Hello, world!", false));
    }

    private static void assertLlama2(Tokenizer t) {
        assertInstanceOf(Llama2cTokenizer.class, t);
        assertArrayEquals(new int[] {1, 15043, 29892, 3186, 29991}, t.encode("Hello, world!", true));
    }

    private void assertFails(Path path, String expected) {
        TokenizerException e = assertThrows(TokenizerException.class, () -> Tokenizers.load(path));
        assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void directoryWithTokenizerJson() throws TokenizerException {
        Tokenizer t = Tokenizers.load(tokenizer("qwen3-tokenizer"));
        assertInstanceOf(HfTokenizer.class, t);
        Tokenizer direct = HfTokenizer.load(tokenizer("qwen3-tokenizer/tokenizer.json"));
        assertArrayEquals(direct.encode(TEXT, true), t.encode(TEXT, true));
    }

    @Test
    void directoryWithOneNamedTokenizerJson() throws TokenizerException {
        Tokenizer t = Tokenizers.load(tokenizer("gpt-neox-20b-tokenizer"));
        assertInstanceOf(HfTokenizer.class, t);
        Tokenizer direct = HfTokenizer.load(tokenizer("gpt-neox-20b-tokenizer/20B_tokenizer.json"));
        assertEquals(direct.vocabSize(), t.vocabSize());
        assertArrayEquals(direct.encode(TEXT, true), t.encode(TEXT, true));
    }

    @Test
    void directoryWithGpt2Files() throws TokenizerException {
        assertGpt2(Tokenizers.load(tokenizer("gpt2-tokenizer")));
    }

    @Test
    void directoryWithTokenizerBin() throws TokenizerException {
        assertLlama2(Tokenizers.load(tokenizer("llama2-tokenizer")));
    }

    @Test
    void filesAreToldApartByContentNotName() throws IOException {
        assertInstanceOf(HfTokenizer.class, Tokenizers.load(tokenizer("gpt-neox-20b-tokenizer/20B_tokenizer.json")));
        assertGpt2(Tokenizers.load(tokenizer("gpt2-tokenizer/encoder.json")));
        assertGpt2(Tokenizers.load(tokenizer("gpt2-tokenizer/vocab.bpe")));
        assertLlama2(
                Tokenizers.load(Files.copy(tokenizer("llama2-tokenizer/tokenizer.bin"), tmp.resolve("vocab.dat"))));
        assertEquals(
                512,
                Tokenizers.load(SharedFiles.path("models/stories260K/tok512.bin"))
                        .vocabSize());
    }

    @Test
    void aTokenizerBinThatStartsWithABraceIsNotTakenForJson() throws IOException {
        // max_token_length 123 is the byte '{'.
        Path bin = Files.write(tmp.resolve("tokenizer.bin"), TokenizerBinBytes.of(123, "<unk>", "<s>", "</s>", " "));
        assertInstanceOf(Llama2cTokenizer.class, Tokenizers.load(bin));
    }

    @Test
    void gpt2FilesNeedTheirPartner() throws IOException {
        Path encoder = Files.copy(tokenizer("gpt2-tokenizer/encoder.json"), tmp.resolve("vocab.json"));
        assertFails(encoder, "no vocab.bpe beside it");
        Path alone = Files.createDirectory(tmp.resolve("alone"));
        Path merges = Files.copy(tokenizer("gpt2-tokenizer/vocab.bpe"), alone.resolve("merges.txt"));
        assertFails(merges, "no encoder.json beside it");
    }

    @Test
    void unsupportedFilesAreNamed() {
        assertFails(tokenizer("gpt2-tokenizer/gpt2_tokenizer.bin"), "llm.c tokenizer file");
        assertFails(tokenizer("llama2-tokenizer/tokenizer.model"), "not a llama2.c tokenizer.bin");
    }

    @Test
    void aDirectoryWithNothingUsable() throws IOException {
        Files.writeString(tmp.resolve("README.md"), "no tokenizer here");
        TokenizerException e = assertThrows(TokenizerException.class, () -> Tokenizers.load(tmp));
        assertEquals(tmp + ": no tokenizer.json, encoder.json + vocab.bpe or tokenizer.bin found", e.getMessage());
    }

    @Test
    void aMissingPath() {
        assertFails(tmp.resolve("absent"), "does not exist");
    }

    @Test
    void aCorruptTokenizerJsonIsReportedByItsReader() throws IOException {
        Path json = Files.writeString(tmp.resolve("tokenizer.json"), "{\"version\": \"1.0\", \"model\": {");
        assertFails(json, "JSON");
    }
}
