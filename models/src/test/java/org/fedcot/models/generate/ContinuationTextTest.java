package org.fedcot.models.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Set;
import org.fedcot.models.checkpoint.Llama2cCheckpoint;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.tokenizer.Tokenizers;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.Test;

/** The two ways of reading generated tokens as text: the tokenizer's decode, and llama2.c run.c's printing. */
class ContinuationTextTest {
    private static final int BOS = 1;

    private static Tokenizer tok512() throws IOException {
        return Tokenizers.load(SharedFiles.path("models/stories260K/tok512.bin"));
    }

    @Test
    void decodedContinuationKeepsTheSpaceSentencePieceDropsAtTheStart() throws IOException {
        Tokenizer t = tok512();
        int[] prompt = t.encode("Once upon a time", true);
        int[] all = t.encode("Once upon a time there was", true);
        int[] more = Arrays.copyOfRange(all, prompt.length, all.length);
        String text = ContinuationText.of(t).of(prompt, more);
        assertEquals(" there was", text, "not 'there was', as decoding the continuation alone gives");
        assertEquals("there was", t.decode(more));
    }

    @Test
    void decodedContinuationCompletesACharacterSplitOverByteTokens() throws IOException {
        Tokenizer gpt2 = Tokenizers.load(SharedFiles.path("models/tokenizers/gpt2-tokenizer"));
        int[] prompt = gpt2.encode("I feel ", false);
        int[] smile = gpt2.encode("\uD83D\uDE42 ok", false); // U+1F642, four UTF-8 bytes over several tokens
        ContinuationText text = ContinuationText.of(gpt2);
        assertEquals("\uD83D\uDE42 ok", text.of(prompt, smile));
        assertTrue(smile.length > 2, "the emoji takes more than one token");
        assertTrue(text.of(prompt, Arrays.copyOf(smile, 1)).endsWith("\uFFFD"), "an unfinished character reads U+FFFD");
    }

    @Test
    void runCTextFollowsRunCsPrintingRules() throws IOException {
        RunCText runC = new RunCText(tok512());
        int the = 265; // " the"
        assertEquals("the", runC.of(new int[] {BOS}, new int[] {the}), "a leading space goes after BOS");
        assertEquals("the the", runC.of(new int[] {5, BOS}, new int[] {the, the}), "what matters is the token before");
        assertEquals(" the", runC.of(new int[] {the}, new int[] {the}), "and stays elsewhere");
        assertEquals("\n\t", runC.of(new int[] {the}, new int[] {3 + '\n', 3 + '\t'}), "byte tokens print their byte");
        assertEquals(
                "",
                runC.of(new int[] {the}, new int[] {3 + 7, 3 + 0xC3, 3 + 0x7F}),
                "non-printable bytes (BEL, a UTF-8 lead byte, DEL) print nothing");
        assertEquals("\n</s>\n", runC.of(new int[] {the}, new int[] {2}), "EOS prints its piece, as run.c does");
        assertEquals("\u00E2", runC.of(new int[] {the}, new int[] {502}), "a multi-byte piece prints");
    }

    @Test
    void greedyStories260KPrintsWhatRunCPrints() throws IOException {
        Tokenizer t = tok512();
        DecoderModel model = Llama2cCheckpoint.load(SharedFiles.path("models/stories260K/stories260K.bin"));
        String expected = Files.readString(
                SharedFiles.path("models/stories260K/greedy_t0_once_upon_a_time_256.txt"), StandardCharsets.UTF_8);
        int[] prompt = t.encode("Once upon a time", true);
        RunCText runC = new RunCText(t);
        int steps = 256; // run.c's -n: positions, the prompt's included
        Generation g = new Generator(model, runC)
                .generate(prompt, GenerationOptions.of(steps - prompt.length + 1, Set.of(BOS)), Sampler.greedy());
        String printed = runC.of(new int[] {BOS}, Arrays.copyOfRange(prompt, 1, prompt.length)) + g.text() + "\n";
        assertEquals(expected, printed);
    }
}
