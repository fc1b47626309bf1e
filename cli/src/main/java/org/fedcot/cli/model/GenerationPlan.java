package org.fedcot.cli.model;

import java.util.Arrays;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import org.fedcot.models.generate.ContinuationText;
import org.fedcot.models.generate.RunCText;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.transformer.DecoderModel;

/**
 * What {@code fedcot generate} feeds, prints and how long it generates, for each checkpoint kind.
 *
 * @param prompt  the prompt's token ids
 * @param head    printed before the generated text
 * @param maxNew  most tokens to generate
 * @param stopIds tokens that end generation
 * @param text    how generated tokens read as text
 */
record GenerationPlan(int[] prompt, String head, int maxNew, Set<Integer> stopIds, ContinuationText text) {

    /**
     * llama2.c's run.c: the prompt starts with BOS; {@code steps} counts positions from there, 0 or more
     * than the model's max_seq_len meaning max_seq_len; it prints the prompt's pieces, then the
     * generated ones, by run.c's rules, and stops when it draws BOS (which starts a new sequence).
     */
    static GenerationPlan runC(Tokenizer tokenizer, DecoderModel model, String promptText, int steps) {
        RunCText runC = new RunCText(tokenizer);
        int bos = tokenizer.bosId().orElseThrow();
        int[] prompt = tokenizer.encode(promptText, true);
        if (prompt.length == 0 || prompt[0] != bos) {
            prompt = prepend(bos, prompt);
        }
        int seqLen = model.config().maxPositionEmbeddings();
        requireFits(prompt.length, seqLen);
        int positions = steps <= 0 || steps > seqLen ? seqLen : steps;
        int shown = Math.min(positions, prompt.length - 1); // positions 0.. force prompt tokens 1..
        String head = runC.of(new int[] {bos}, Arrays.copyOfRange(prompt, 1, 1 + shown));
        int maxNew = Math.max(0, positions - prompt.length + 1); // positions n-1 .. steps-1 each draw a token
        return new GenerationPlan(prompt, head, maxNew, Set.of(bos), runC);
    }

    /**
     * Hugging Face: the prompt text as given, with the tokenizer's special tokens (an empty prompt
     * starts from BOS, or EOS, alone), then up to {@code maxTokens} new tokens (0: up to
     * max_position_embeddings in all), stopping at the config's or the tokenizer's end-of-sequence ids.
     */
    static GenerationPlan huggingFace(Tokenizer tokenizer, DecoderModel model, String promptText, int maxTokens) {
        int[] prompt = tokenizer.encode(promptText, true);
        if (prompt.length == 0) {
            OptionalInt bos = model.config().bosTokenId();
            OptionalInt start =
                    bos.isPresent() ? bos : tokenizer.bosId().isPresent() ? tokenizer.bosId() : tokenizer.eosId();
            prompt = new int[] {
                start.orElseThrow(() -> new IllegalArgumentException(
                        "the prompt is empty and the tokenizer has no BOS or EOS token to start from: give --prompt"))
            };
        }
        requireFits(prompt.length, model.config().maxPositionEmbeddings());
        int maxNew = maxTokens > 0 ? maxTokens : Math.max(0, model.config().maxPositionEmbeddings() - prompt.length);
        Set<Integer> stops = new HashSet<>(model.config().eosTokenIds());
        tokenizer.eosId().ifPresent(stops::add);
        return new GenerationPlan(prompt, promptText, maxNew, stops, ContinuationText.of(tokenizer));
    }

    /**
     * Refuses a prompt the model cannot read whole: cutting it and generating from the rest would answer a
     * different prompt, and report that as an ordinary stop.
     */
    private static void requireFits(int promptTokens, int contextPositions) {
        if (promptTokens > contextPositions) {
            throw new IllegalArgumentException("--prompt is " + promptTokens + " tokens, longer than the model's "
                    + "context of " + contextPositions + " positions (max_position_embeddings): shorten it");
        }
    }

    private static int[] prepend(int id, int[] ids) {
        int[] out = new int[ids.length + 1];
        out[0] = id;
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }
}
