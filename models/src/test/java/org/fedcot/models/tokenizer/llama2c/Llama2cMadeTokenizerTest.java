package org.fedcot.models.tokenizer.llama2c;

import static org.fedcot.models.tokenizer.MadeTokenizerFiles.llama2cId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.fedcot.models.tokenizer.MadeTexts;
import org.fedcot.models.tokenizer.MadeTokenizerFiles;
import org.fedcot.models.tokenizer.TokenizerException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * run.c's encoding and decoding rules on a tokenizer.bin written here (see {@link MadeTokenizerFiles}),
 * whose pieces are few enough to work each encoding out by hand: the dummy prefix, merges by score,
 * byte fallback, and the decoding of a leading space, BOS and EOS.
 */
class Llama2cMadeTokenizerTest {
    private static Path file;
    private static Llama2cTokenizer made;

    @BeforeAll
    static void write() throws IOException {
        file = MadeTokenizerFiles.tokenizerBin(Files.createTempFile("made-tokenizer", ".bin"));
        file.toFile().deleteOnExit();
        made = Llama2cTokenizer.load(file);
    }

    @Test
    void mergesTheBestScoredPairFirst() {
        // " " O n c e: " O" scores best, then " On" (above "ce"), then "ce", then " Once".
        assertArrayEquals(new int[] {llama2cId(" Once")}, made.encode("Once", false));
        // " " t h e: " t" scores above "he"; "th" is no piece.
        assertArrayEquals(new int[] {llama2cId(" the")}, made.encode("the", false));
        // " " O n e: " On" then "e" ("One" is no piece); then " " and byte tokens for the rest.
        assertArrayEquals(
                new int[] {llama2cId(" On"), llama2cId("e"), llama2cId(" "), 3 + 'x'}, made.encode("One x", false));
    }

    @Test
    void emptyTextHasNoDummyPrefix() {
        assertArrayEquals(new int[] {1}, made.encode("", true));
        assertArrayEquals(new int[0], made.encode("", false));
        assertEquals("", made.decode(new int[] {1}));
    }

    @Test
    void unknownCharactersFallBackToByteTokens() {
        // U+1F600 is no piece: its UTF-8 bytes F0 9F 98 80 become ids byte + 3.
        int[] ids = {1, llama2cId(" "), 0xF0 + 3, 0x9F + 3, 0x98 + 3, 0x80 + 3};
        assertArrayEquals(ids, made.encode("😀", true));
        assertEquals("😀", made.decode(ids));
    }

    @Test
    void aMultiBytePieceIsOneToken() {
        assertArrayEquals(new int[] {llama2cId(" "), llama2cId("â")}, made.encode("â", false));
        assertEquals("â", made.token(llama2cId("â")));
    }

    @Test
    void specialTokensWrittenInTheTextArePlainText() {
        int[] ids = made.encode("<s>hi</s>", false);
        assertTrue(
                Arrays.stream(ids).noneMatch(id -> id == Llama2cTokenizer.BOS || id == Llama2cTokenizer.EOS),
                Arrays.toString(ids));
        assertEquals("<s>hi</s>", made.decode(ids));
    }

    @Test
    void decodeDropsTheLeadingSpaceOnlyAtTheStartAndAfterBos() {
        int once = llama2cId(" Once");
        assertEquals(" Once", made.token(once));
        assertEquals("Once", made.decode(new int[] {once}));
        assertEquals("Once", made.decode(new int[] {1, once}));
        assertEquals("Once Once", made.decode(new int[] {once, once}));
        assertEquals("OnceOnce", made.decode(new int[] {1, once, 1, once}));
        assertEquals("\n</s>\n", made.decode(new int[] {Llama2cTokenizer.EOS}), "EOS prints its piece, as in run.c");
    }

    @Test
    void roundTripsAwkwardAndMadeText() {
        List<String> texts = List.of(
                " ",
                "  ",
                " leading",
                "trailing  ",
                "a  b   c",
                "\n\nnew\tlines\r\n",
                "\u0000nul",
                "a\u00A0b",
                "😀😀x",
                "中文 테스트 ελληνικά",
                "<0x41>",
                "\n<s>\n",
                "<unk>",
                "</s>",
                "\uFEFFbom",
                "e\u0301",
                "Once the One");
        for (String text :
                Stream.concat(texts.stream(), MadeTexts.of(300, 3).stream()).toList()) {
            for (boolean special : new boolean[] {true, false}) {
                assertEquals(text, made.decode(made.encode(text, special)), text);
            }
        }
    }

    @Test
    void badIdsAreNamed() {
        int size = made.vocabSize();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> made.decode(new int[] {5, size}));
        assertTrue(e.getMessage().contains(String.valueOf(size)), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> made.token(-1));
    }

    @Test
    void vocabularyFacts() throws TokenizerException {
        assertEquals(MadeTokenizerFiles.FIRST_PIECE + MadeTokenizerFiles.LLAMA2C_PIECES.size(), made.vocabSize());
        assertEquals(OptionalInt.of(1), made.bosId());
        assertEquals(OptionalInt.of(2), made.eosId());
        assertEquals("<0x0A>", made.token(3 + '\n'));
        assertEquals("\n<s>\n", made.token(1));
        assertEquals(
                made.vocabSize(), Llama2cTokenizer.load(file, made.vocabSize()).vocabSize());
    }
}
