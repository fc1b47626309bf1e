package org.fedcot.models.tokenizer.llama2c;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.fedcot.models.tokenizer.TokenizerException;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** llama2.c's tokenizer against run.c's own encodings, on the 32000-token Llama 2 vocabulary and on tok512. */
class Llama2cTokenizerTest {
    private static final String LLAMA2 = "models/tokenizers/llama2-tokenizer/";
    private static final String STORIES = "models/stories260K/";

    private static Llama2cTokenizer llama2;
    private static Llama2cTokenizer tok512;

    @BeforeAll
    static void load() throws TokenizerException {
        llama2 = Llama2cTokenizer.load(SharedFiles.path(LLAMA2 + "tokenizer.bin"));
        tok512 = Llama2cTokenizer.load(SharedFiles.path(STORIES + "tok512.bin"));
    }

    private record Reference(String text, int[] ids) {}

    /** The lines "text TAB ids" of a reference file written with run.c's encode(text, bos=1, eos=0). */
    private static List<Reference> references(Path tsv) throws IOException {
        List<Reference> refs = Files.readAllLines(tsv).stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("\t", -1))
                .map(f -> new Reference(
                        f[0],
                        Arrays.stream(f[1].trim().split(" "))
                                .mapToInt(Integer::parseInt)
                                .toArray()))
                .toList();
        assertFalse(refs.isEmpty(), tsv + " has no reference lines");
        return refs;
    }

    private static void assertReproduces(Llama2cTokenizer tokenizer, Path tsv) throws IOException {
        List<Reference> refs = references(tsv);
        assertAll(refs.stream().map(ref -> (Executable) () -> {
            assertArrayEquals(ref.ids, tokenizer.encode(ref.text, true), ref.text);
            assertArrayEquals(
                    Arrays.copyOfRange(ref.ids, 1, ref.ids.length), tokenizer.encode(ref.text, false), ref.text);
            assertEquals(ref.text, tokenizer.decode(ref.ids), "decode of the reference ids");
        }));
    }

    @Test
    void reproducesRunCOnTheLlama2Vocabulary() throws IOException {
        assertReproduces(llama2, SharedFiles.path(LLAMA2 + "encode_reference.tsv"));
    }

    @Test
    void reproducesRunCOnTok512() throws IOException {
        assertReproduces(tok512, SharedFiles.path(STORIES + "encode_reference_tok512.tsv"));
    }

    @Test
    void emptyTextHasNoDummyPrefix() {
        assertArrayEquals(new int[] {1}, llama2.encode("", true));
        assertArrayEquals(new int[0], llama2.encode("", false));
        assertEquals("", llama2.decode(new int[] {1}));
    }

    @Test
    void unknownCharactersFallBackToByteTokens() {
        // U+1F600 is not a Llama 2 token: its UTF-8 bytes F0 9F 98 80 become ids byte + 3.
        assertArrayEquals(new int[] {1, 29871, 243, 162, 155, 131}, llama2.encode("😀", true));
        assertEquals("😀", llama2.decode(new int[] {1, 29871, 243, 162, 155, 131}));
    }

    @Test
    void specialTokensWrittenInTheTextArePlainText() {
        int[] ids = llama2.encode("<s>hi</s>", false);
        assertTrue(
                Arrays.stream(ids).noneMatch(id -> id == Llama2cTokenizer.BOS || id == Llama2cTokenizer.EOS),
                Arrays.toString(ids));
    }

    @Test
    void decodeDropsTheLeadingSpaceOnlyAtTheStartAndAfterBos() {
        int once = llama2.encode("Once", false)[0];
        assertEquals(" Once", llama2.token(once));
        assertEquals("Once", llama2.decode(new int[] {once}));
        assertEquals("Once", llama2.decode(new int[] {1, once}));
        assertEquals("Once Once", llama2.decode(new int[] {once, once}));
        assertEquals("OnceOnce", llama2.decode(new int[] {1, once, 1, once}));
        assertEquals("\n</s>\n", llama2.decode(new int[] {Llama2cTokenizer.EOS}), "EOS prints its piece, as in run.c");
    }

    @Test
    void roundTripsAwkwardText() {
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
                "e\u0301");
        for (Llama2cTokenizer tokenizer : List.of(llama2, tok512)) {
            for (String text : texts) {
                for (boolean special : new boolean[] {true, false}) {
                    assertEquals(text, tokenizer.decode(tokenizer.encode(text, special)), text);
                }
            }
        }
    }

    @Test
    void badIdsAreNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> llama2.decode(new int[] {5, 32000}));
        assertTrue(e.getMessage().contains("32000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> llama2.token(-1));
    }

    @Test
    void vocabularyFacts() throws TokenizerException {
        assertEquals(32000, llama2.vocabSize());
        assertEquals(512, tok512.vocabSize());
        assertEquals(OptionalInt.of(1), llama2.bosId());
        assertEquals(OptionalInt.of(2), llama2.eosId());
        assertEquals(" ", llama2.token(29871));
        assertEquals("<0x0A>", llama2.token(13));
        assertEquals("\n<s>\n", llama2.token(1));
        assertEquals(
                512,
                Llama2cTokenizer.load(SharedFiles.path(STORIES + "tok512.bin"), 512)
                        .vocabSize());
    }
}
