package org.fedcot.models.generate;

import static org.fedcot.models.tokenizer.MadeTokenizerFiles.llama2cId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.fedcot.models.tokenizer.MadeTokenizerFiles;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.tokenizer.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two ways of reading generated tokens as text, the tokenizer's decode and llama2.c run.c's
 * printing, on tokenizers the tests make (see {@link MadeTokenizerFiles}).
 */
class ContinuationTextMadeTest {
    private static final int BOS = 1;
    private static final int EOS = 2;
    private static final int FIRST_BYTE = 3;

    @TempDir
    Path tmp;

    private Tokenizer madeLlama2c() throws IOException {
        return Tokenizers.load(MadeTokenizerFiles.tokenizerBin(tmp.resolve("tokenizer.bin")));
    }

    @Test
    void decodedContinuationKeepsTheSpaceSentencePieceDropsAtTheStart() throws IOException {
        Tokenizer t = madeLlama2c();
        int[] prompt = t.encode("Once upon a time", true);
        int[] all = t.encode("Once upon a time there was", true);
        assertEquals(Arrays.toString(prompt), Arrays.toString(Arrays.copyOf(all, prompt.length)), "a prefix");
        int[] more = Arrays.copyOfRange(all, prompt.length, all.length);
        assertEquals(llama2cId(" the"), more[0]);
        assertEquals(
                " there was",
                ContinuationText.of(t).of(prompt, more),
                "not 'there was', as decoding the continuation alone gives");
        assertEquals("there was", t.decode(more));
    }

    @Test
    void decodedContinuationCompletesACharacterSplitOverByteTokens() {
        Tokenizer bpe = MadeTokenizerFiles.trainedBpe().tokenizer();
        int[] prompt = bpe.encode("I feel ", false);
        // U+1F680, four UTF-8 bytes, is not in the made texts: several byte tokens, or merges of its first bytes.
        int[] rocket = bpe.encode("\uD83D\uDE80 ok", false);
        ContinuationText text = ContinuationText.of(bpe);
        assertEquals("\uD83D\uDE80 ok", text.of(prompt, rocket));
        assertTrue(rocket.length > 2, "the emoji takes more than one token");
        assertTrue(
                text.of(prompt, Arrays.copyOf(rocket, 1)).endsWith("\uFFFD"), "an unfinished character reads U+FFFD");
    }

    @Test
    void runCTextFollowsRunCsPrintingRules() throws IOException {
        RunCText runC = new RunCText(madeLlama2c());
        int the = llama2cId(" the");
        assertEquals("the", runC.of(new int[] {BOS}, new int[] {the}), "a leading space goes after BOS");
        assertEquals("the the", runC.of(new int[] {5, BOS}, new int[] {the, the}), "what matters is the token before");
        assertEquals(" the", runC.of(new int[] {the}, new int[] {the}), "and stays elsewhere");
        assertEquals(
                "\n\t",
                runC.of(new int[] {the}, new int[] {FIRST_BYTE + '\n', FIRST_BYTE + '\t'}),
                "byte tokens print their byte");
        assertEquals(
                "",
                runC.of(new int[] {the}, new int[] {FIRST_BYTE + 7, FIRST_BYTE + 0xC3, FIRST_BYTE + 0x7F}),
                "non-printable bytes (BEL, a UTF-8 lead byte, DEL) print nothing");
        assertEquals("\n</s>\n", runC.of(new int[] {the}, new int[] {EOS}), "EOS prints its piece, as run.c does");
        assertEquals("\u00E2", runC.of(new int[] {the}, new int[] {llama2cId("\u00E2")}), "a multi-byte piece prints");
    }
}
