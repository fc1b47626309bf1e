package org.fedcot.models.tokenizer.llama2c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.fedcot.models.tokenizer.TokenizerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Truncated, corrupt and foreign tokenizer.bin files fail with one message naming the file and the problem. */
class CorruptTokenizerBinTest {
    private static final byte[] GOOD = TokenizerBinBytes.of(3, "<u>", "<s>", "</", " ", "a", " a");

    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private void assertFails(Path file, String expected, Executable load) {
        TokenizerException e = assertThrows(TokenizerException.class, load);
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aWellFormedFileLoads() throws IOException {
        Llama2cTokenizer t = Llama2cTokenizer.load(write("good.bin", GOOD));
        assertEquals(6, t.vocabSize());
        assertEquals(6, Llama2cTokenizer.load(write("good6.bin", GOOD), 6).vocabSize());
        assertArrayEquals(new int[] {1, 5, 5}, t.encode("a a", true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.encode("b", false));
        assertTrue(e.getMessage().contains("byte 0x62 is not in the vocabulary"), e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        Path f = write("empty.bin", new byte[0]);
        assertFails(f, "too short for the max_token_length header", () -> Llama2cTokenizer.load(f));
    }

    @Test
    void implausibleHeader() throws IOException {
        Path f = write("tokenizer.json", "{\"version\": \"1.0\"}".getBytes(StandardCharsets.UTF_8));
        assertFails(f, "not a llama2.c tokenizer.bin", () -> Llama2cTokenizer.load(f));
    }

    @Test
    void tokenLongerThanTheHeaderSays() throws IOException {
        Path f = write("long.bin", TokenizerBinBytes.of(3, "<u>", "<s>", "</s>x"));
        assertFails(f, "token 2 length 5 exceeds max_token_length 3", () -> Llama2cTokenizer.load(f));
    }

    @Test
    void negativeLength() throws IOException {
        byte[] bytes = GOOD.clone();
        System.arraycopy(TokenizerBinBytes.littleEndian(-7), 0, bytes, 4 + 4, 4);
        Path f = write("negative.bin", bytes);
        assertFails(f, "token 0 has negative length -7", () -> Llama2cTokenizer.load(f));
    }

    @Test
    void fileEndsInsideAToken() throws IOException {
        Path f = write("cut.bin", Arrays.copyOf(GOOD, GOOD.length - 1));
        assertFails(f, "file ends inside token 5", () -> Llama2cTokenizer.load(f));
    }

    @Test
    void fileEndsBeforeTheExpectedCount() throws IOException {
        Path f = write("short.bin", GOOD);
        assertFails(f, "file ends after 6 of 8 tokens", () -> Llama2cTokenizer.load(f, 8));
    }

    @Test
    void bytesLeftAfterTheExpectedCount() throws IOException {
        Path f = write("long.bin", GOOD);
        assertFails(f, "left over after 4 tokens", () -> Llama2cTokenizer.load(f, 4));
    }

    @Test
    void tooFewTokens() throws IOException {
        Path f = write("two.bin", TokenizerBinBytes.of(3, "<u>", "<s>"));
        assertFails(f, "only 2 tokens", () -> Llama2cTokenizer.load(f));
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("absent.bin");
        assertFails(f, "does not exist", () -> Llama2cTokenizer.load(f));
    }
}
