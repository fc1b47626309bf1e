package org.fedcot.pipeline.slm;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fedcot.models.generate.ContinuationText;
import org.fedcot.models.generate.GenerationOptions;
import org.fedcot.models.generate.Generator;
import org.fedcot.models.generate.Sampler;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.pipeline.prompt.QuestionText;

/**
 * Greedy continuations of an SLM up to {@link QuestionText#END} or end of sequence. A prompt longer than
 * the model's positions allow (with the new tokens) loses its beginning, so the question, which prompts put
 * last, is always seen.
 */
public final class SlmGenerator {
    private final Generator generator;
    private final Tokenizer tokenizer;
    private final GenerationOptions options;
    private final int maxPrompt;

    /** Generates up to {@code maxNewTokens} with {@code model}. */
    public SlmGenerator(DecoderModel model, Tokenizer tokenizer, int maxNewTokens) {
        int positions = model.config().maxPositionEmbeddings();
        int maxNew = Math.min(maxNewTokens, positions / 2);
        Set<Integer> stops = new HashSet<>(model.config().eosTokenIds());
        tokenizer.eosId().ifPresent(stops::add);
        this.generator = new Generator(model, ContinuationText.of(tokenizer));
        this.tokenizer = tokenizer;
        this.options = new GenerationOptions(maxNew, stops, List.of(QuestionText.END));
        this.maxPrompt = positions - maxNew;
    }

    /** The continuation of {@code prompt}, without the stop string. */
    public String continuation(String prompt) {
        int[] ids = tokenizer.encode(prompt, true);
        if (ids.length > maxPrompt) ids = Arrays.copyOfRange(ids, ids.length - maxPrompt, ids.length);
        return generator.generate(ids, options, Sampler.greedy()).text().strip();
    }
}
