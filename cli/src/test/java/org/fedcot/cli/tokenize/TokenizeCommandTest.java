package org.fedcot.cli.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fedcot tokenize}: ids out, text back, and clear errors, on the real shared tokenizers. */
class TokenizeCommandTest {
    private record Result(int code, String out, String err) {
    }

    /** A tokenizer under ../shared/models/tokenizers (the fedcot.shared property, set by surefire). */
    private static String tokenizer(String relative) {
        String root = System.getProperty("fedcot.shared");
        assumeTrue(root != null, "system property fedcot.shared is not set");
        Path path = Path.of(root, "models", "tokenizers", relative);
        assumeTrue(Files.exists(path), path + " is missing");
        return path.toString();
    }

    private static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new TokenizeCommand()).execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void printsTheIdsOnOneLine() {
        Result r = run("--tokenizer", tokenizer("llama2-tokenizer/tokenizer.bin"), "Hello, world!");
        assertEquals(0, r.code, r.err);
        assertEquals("1 15043 29892 3186 29991\n", r.out.replace("\r\n", "\n"));
    }

    @Test
    void noSpecialLeavesOutBos() {
        Result r = run("--tokenizer", tokenizer("llama2-tokenizer"), "--no-special", "Hello, world!");
        assertEquals(0, r.code, r.err);
        assertEquals("15043 29892 3186 29991", r.out.strip());
    }

    @Test
    void specialTokensInTheTextAreStillRecognised() {
        Result r = run("--tokenizer", tokenizer("qwen3-tokenizer"), "--no-special", "<|im_start|>user");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.startsWith("151644 "), r.out);
    }

    @Test
    void decodeGivesTheTextBack() {
        String gpt2 = tokenizer("gpt2-tokenizer");
        String text = "naïve café 😀, twice:  spaced";
        Result encoded = run("--tokenizer", gpt2, text);
        assertEquals(0, encoded.code, encoded.err);
        String[] ids = encoded.out.strip().split(" ");
        String[] args = new String[ids.length + 3];
        args[0] = "--tokenizer";
        args[1] = gpt2;
        args[2] = "--decode";
        System.arraycopy(ids, 0, args, 3, ids.length);
        Result decoded = run(args);
        assertEquals(0, decoded.code, decoded.err);
        assertEquals(text + System.lineSeparator(), decoded.out);
    }

    @Test
    void anOutOfRangeIdIsNamed() {
        Result r = run("--tokenizer", tokenizer("llama2-tokenizer"), "--decode", "1", "32000");
        assertEquals(1, r.code);
        assertTrue(r.err.contains("token id 32000 is out of range: the tokenizer has ids 0..31999"), r.err);
    }

    @Test
    void aNegativeIdIsNamed() {
        Result r = run("--tokenizer", tokenizer("llama2-tokenizer"), "--decode", "-5");
        assertEquals(1, r.code);
        assertTrue(r.err.contains("token id -5 is out of range"), r.err);
    }

    @Test
    void aNonNumericIdIsAUsageError() {
        Result r = run("--tokenizer", tokenizer("llama2-tokenizer"), "--decode", "12", "x");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("--decode takes token ids only: 'x' is not one"), r.err);
    }

    @Test
    void missingTextIsAUsageError() {
        Result r = run("--tokenizer", tokenizer("llama2-tokenizer"));
        assertEquals(2, r.code);
        assertTrue(r.err.contains("Missing TEXT"), r.err);
    }

    @Test
    void decodeWithNoSpecialIsAUsageError() {
        Result r = run("--tokenizer", tokenizer("llama2-tokenizer"), "--no-special", "--decode", "1");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("--no-special applies to encoding"), r.err);
    }

    @Test
    void aDirectoryWithoutATokenizerIsNamed(@TempDir Path empty) {
        Result r = run("--tokenizer", empty.toString(), "hi");
        assertEquals(1, r.code);
        assertTrue(r.err.contains(empty + ": no tokenizer.json, encoder.json + vocab.bpe or tokenizer.bin found"), r.err);
    }
}
