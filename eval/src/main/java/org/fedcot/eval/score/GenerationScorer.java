package org.fedcot.eval.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.fedcot.eval.data.QaExample;
import org.fedcot.models.generate.BatchGenerator;
import org.fedcot.models.generate.ContinuationText;
import org.fedcot.models.generate.Generation;
import org.fedcot.models.generate.GenerationOptions;
import org.fedcot.models.generate.Sampler;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.transformer.DecoderModel;

/**
 * Generation scoring: the model answers each question greedily from a prompt, and the answer is matched
 * to a choice by {@link AnswerMatcher} (exact match after normalisation, as Distilling step-by-step
 * scores its task models).
 *
 * <pre>{@code
 * PromptFormat format = PromptFormat.of(Dataset.CQA);
 * GenerationScorer gen = new GenerationScorer(model, tokenizer, format::genPrompt,
 *         GenerationScorer.options(model, tokenizer, 64), 8);
 * Accuracy acc = Accuracy.count(gen.score(questions, done -> { }), Prediction::correct);
 * }</pre>
 */
public final class GenerationScorer {
    /** lm-evaluation-harness's default "until" of generation tasks: its few-shot delimiter. */
    private static final List<String> STOP_STRINGS = List.of(PromptFormat.FEWSHOT_DELIMITER);

    private final BatchGenerator generator;
    private final Tokenizer tokenizer;
    private final Function<QaExample, String> prompt;
    private final GenerationOptions options;
    private final int maxPromptTokens;

    /**
     * A scorer that generates with {@code model} from {@code prompt(question)}, stopping as {@code options} say,
     * decoding up to {@code batch} questions side by side.
     *
     * @throws IllegalArgumentException when options.maxNewTokens() leaves no room for a prompt in the model's
     *                                  positions, or batch is not positive
     */
    public GenerationScorer(
            DecoderModel model,
            Tokenizer tokenizer,
            Function<QaExample, String> prompt,
            GenerationOptions options,
            int batch) {
        int positions = model.config().maxPositionEmbeddings();
        if (options.maxNewTokens() < 1 || options.maxNewTokens() >= positions) {
            throw new IllegalArgumentException(
                    "generation: " + options.maxNewTokens() + " new tokens must be at least 1"
                            + " and leave room for a prompt in the model's " + positions + " positions");
        }
        this.generator = new BatchGenerator(model, ContinuationText.of(tokenizer), batch);
        this.tokenizer = tokenizer;
        this.prompt = prompt;
        this.options = options;
        this.maxPromptTokens = positions - options.maxNewTokens();
    }

    /**
     * Up to {@code maxNewTokens} tokens, ending at an end-of-sequence token (the model's and the
     * tokenizer's) or at a blank line, where lm-evaluation-harness ends generation by default.
     */
    public static GenerationOptions options(DecoderModel model, Tokenizer tokenizer, int maxNewTokens) {
        Set<Integer> stopIds = new HashSet<>(model.config().eosTokenIds());
        tokenizer.eosId().ifPresent(stopIds::add);
        return new GenerationOptions(maxNewTokens, stopIds, STOP_STRINGS);
    }

    /**
     * The prediction for each question, in order; {@code progress} receives the number answered so far
     * after each decoding step that finished some. Questions are decoded side by side, a new one joining as
     * soon as another finishes; greedy decoding gives each the answer it gets alone. A prompt longer than the
     * model's positions allow (with the new tokens) loses its beginning, as the harness truncates contexts
     * from the left.
     *
     * @throws RuntimeException what failed a generation
     */
    public List<GenerationPrediction> score(List<QaExample> questions, IntConsumer progress) {
        List<BatchGenerator.Sequence> sequences = new ArrayList<>(questions.size());
        for (QaExample q : questions) {
            sequences.add(generator.submit(promptIds(q), options, Sampler.greedy(), chunk -> {}));
        }
        int answered = 0;
        boolean more = true;
        while (more) {
            more = generator.step();
            int done = (int)
                    sequences.stream().filter(BatchGenerator.Sequence::done).count();
            if (done > answered) {
                answered = done;
                progress.accept(answered);
            }
        }
        List<GenerationPrediction> predictions = new ArrayList<>(questions.size());
        for (int i = 0; i < questions.size(); i++) {
            QaExample q = questions.get(i);
            String text = generated(sequences.get(i)).text();
            predictions.add(
                    new GenerationPrediction(q.id(), q.answerIndex(), AnswerMatcher.match(text, q.choices()), text));
        }
        return predictions;
    }

    /** The prompt of {@code q} in tokens, cut from the left to leave room for the new tokens. */
    private int[] promptIds(QaExample q) {
        int[] ids = tokenizer.encode(prompt.apply(q), true);
        if (ids.length > maxPromptTokens) {
            ids = Arrays.copyOfRange(ids, ids.length - maxPromptTokens, ids.length);
        }
        return ids;
    }

    /** The generation of a finished sequence, or what failed it. */
    private static Generation generated(BatchGenerator.Sequence s) {
        try {
            return s.future().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
