package org.fedcot.cli.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.fedcot.cli.CliRun;
import org.fedcot.cli.MadeMaterial;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fedcot tokenize}: ids out (against the real Llama 2 tokenizer's ids), and text back, special tokens and
 * clear errors on the made tokenizer.
 */
class TokenizeCommandTest {
    /** A tokenizer under ../shared/models/tokenizers (the fedcot.shared property, set by surefire). */
    private static String tokenizer(String relative) {
        return SharedFiles.path("models/tokenizers/" + relative).toString();
    }

    /** The made byte-level BPE tokenizer.json: "<|endoftext|>" is id 0, then the 256 bytes, then the merges. */
    private static String made() {
        return MadeMaterial.tokenizer().toString();
    }

    private static CliRun run(String... args) {
        return CliRun.command("tokenize", args);
    }

    @Test
    void printsTheIdsOnOneLine() {
        CliRun r = run("--tokenizer", tokenizer("llama2-tokenizer/tokenizer.bin"), "Hello, world!");
        assertEquals(0, r.code(), r.err());
        assertEquals("1 15043 29892 3186 29991\n", r.out().replace("\r\n", "\n"));
    }

    @Test
    void noSpecialLeavesOutBos() {
        CliRun r = run("--tokenizer", tokenizer("llama2-tokenizer"), "--no-special", "Hello, world!");
        assertEquals(0, r.code(), r.err());
        assertEquals("15043 29892 3186 29991", r.out().strip());
    }

    @Test
    void specialTokensInTheTextAreStillRecognised() {
        CliRun r = run("--tokenizer", made(), "--no-special", "<|endoftext|>user");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("0 "), r.out());
    }

    @Test
    void decodeGivesTheTextBack() {
        String made = made();
        String text = "naïve café 😀, twice:  spaced";
        CliRun encoded = run("--tokenizer", made, text);
        assertEquals(0, encoded.code(), encoded.err());
        String[] ids = encoded.out().strip().split(" ");
        String[] args = new String[ids.length + 3];
        args[0] = "--tokenizer";
        args[1] = made;
        args[2] = "--decode";
        System.arraycopy(ids, 0, args, 3, ids.length);
        CliRun decoded = run(args);
        assertEquals(0, decoded.code(), decoded.err());
        assertEquals(text + System.lineSeparator(), decoded.out());
    }

    @Test
    void anOutOfRangeIdIsNamed() {
        CliRun r = run("--tokenizer", made(), "--decode", "1", "512");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("token id 512 is out of range: the tokenizer has ids 0..511"), r.err());
    }

    @Test
    void aNegativeIdIsNamed() {
        CliRun r = run("--tokenizer", made(), "--decode", "-5");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("token id -5 is out of range"), r.err());
    }

    @Test
    void aNonNumericIdIsAUsageError() {
        CliRun r = run("--tokenizer", made(), "--decode", "12", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--decode takes token ids only: 'x' is not one"), r.err());
    }

    @Test
    void missingTextIsAUsageError() {
        CliRun r = run("--tokenizer", made());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Missing TEXT"), r.err());
    }

    @Test
    void decodeWithNoSpecialIsAUsageError() {
        CliRun r = run("--tokenizer", made(), "--no-special", "--decode", "1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--no-special applies to encoding"), r.err());
    }

    @Test
    void aDirectoryWithoutATokenizerIsNamed(@TempDir Path empty) {
        CliRun r = run("--tokenizer", empty.toString(), "hi");
        assertEquals(1, r.code());
        assertTrue(
                r.err().contains(empty + ": no tokenizer.json, encoder.json + vocab.bpe or tokenizer.bin found"),
                r.err());
    }
}
