package org.fedcot.pipeline.slm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fedcot.models.generate.BatchGenerator;
import org.fedcot.models.generate.ContinuationText;
import org.fedcot.models.generate.GenerationOptions;
import org.fedcot.models.generate.Sampler;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.pipeline.prompt.QuestionText;

/**
 * Greedy continuations of an SLM up to {@link QuestionText#END} or end of sequence, decoded side by side
 * ({@link BatchGenerator}: one pass of the weights per step for every sequence of a batch). A prompt longer than
 * the model's positions allow (with the new tokens) loses its beginning, so the question, which prompts put
 * last, is always seen. Greedy decoding gives every prompt the continuation it gets alone, whatever decodes
 * beside it. Not thread-safe.
 */
public final class SlmGenerator {
    private final BatchGenerator generator;
    private final Tokenizer tokenizer;
    private final GenerationOptions options;
    private final int maxPrompt;

    /** Generates up to {@code maxNewTokens} with {@code model}, at most {@code batch} sequences at a time. */
    public SlmGenerator(DecoderModel model, Tokenizer tokenizer, int maxNewTokens, int batch) {
        int positions = model.config().maxPositionEmbeddings();
        int maxNew = Math.min(maxNewTokens, positions / 2);
        Set<Integer> stops = new HashSet<>(model.config().eosTokenIds());
        tokenizer.eosId().ifPresent(stops::add);
        this.generator = new BatchGenerator(model, ContinuationText.of(tokenizer), batch);
        this.tokenizer = tokenizer;
        this.options = new GenerationOptions(maxNew, stops, List.of(QuestionText.END));
        this.maxPrompt = positions - maxNew;
    }

    /** The continuation of each of {@code prompts}, in order, without the stop string. */
    public List<String> continuations(List<String> prompts) {
        List<int[]> ids = new ArrayList<>(prompts.size());
        List<Sampler> samplers = new ArrayList<>(prompts.size());
        for (String prompt : prompts) {
            int[] tokens = tokenizer.encode(prompt, true);
            if (tokens.length > maxPrompt) {
                tokens = Arrays.copyOfRange(tokens, tokens.length - maxPrompt, tokens.length);
            }
            ids.add(tokens);
            samplers.add(Sampler.greedy());
        }
        return generator.generateAll(ids, options, samplers).stream()
                .map(g -> g.text().strip())
                .toList();
    }
}
