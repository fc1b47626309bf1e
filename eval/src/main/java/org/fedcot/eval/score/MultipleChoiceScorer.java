package org.fedcot.eval.score;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.fedcot.eval.data.QaExample;
import org.fedcot.models.generate.Loglikelihood;
import org.fedcot.models.generate.LoglikelihoodScorer;
import org.fedcot.models.generate.ScoringRequest;
import org.fedcot.models.tokenizer.Tokenizer;

/**
 * Multiple-choice scoring by log-likelihood: every choice of a question is scored as a continuation of
 * the question's context ({@link PromptFormat}, after the exemplars a {@link FewShotSampler} draws), and
 * the predictions are those of lm-evaluation-harness's acc and acc_norm ({@link ChoiceRanking}).
 *
 * <pre>{@code
 * MultipleChoiceScorer mc = new MultipleChoiceScorer(new LoglikelihoodScorer(model, 32), tokenizer,
 *         PromptFormat.of(Dataset.ARC_EASY), FewShotSampler.zeroShot());
 * List<ChoicePrediction> predictions = mc.score(questions, done -> bar.stepTo(done));
 * Accuracy acc = Accuracy.count(predictions, ChoicePrediction::correct);
 * Accuracy accNorm = Accuracy.count(predictions, ChoicePrediction::correctNorm);
 * }</pre>
 */
public final class MultipleChoiceScorer {
    /**
     * Questions handed to the log-likelihood scorer at once: its batches are cut from these requests
     * sorted by length, so more of them batch better, while fewer keep the progress reports frequent.
     */
    private static final int QUESTIONS_PER_CALL = 32;

    private final LoglikelihoodScorer scorer;
    private final ChoiceEncoder encoder;
    private final PromptFormat format;
    private final FewShotSampler fewShot;

    /** Scores with {@code scorer}, reading texts with {@code tokenizer} in {@code format} after {@code fewShot}'s exemplars. */
    public MultipleChoiceScorer(
            LoglikelihoodScorer scorer, Tokenizer tokenizer, PromptFormat format, FewShotSampler fewShot) {
        this.scorer = scorer;
        this.encoder = new ChoiceEncoder(tokenizer);
        this.format = format;
        this.fewShot = fewShot;
    }

    /**
     * The prediction for each question, in order; {@code progress} receives the number of questions
     * scored so far after each group of them.
     */
    public List<ChoicePrediction> score(List<QaExample> questions, IntConsumer progress) {
        List<ChoicePrediction> predictions = new ArrayList<>(questions.size());
        for (int start = 0; start < questions.size(); start += QUESTIONS_PER_CALL) {
            List<QaExample> group = questions.subList(start, Math.min(questions.size(), start + QUESTIONS_PER_CALL));
            List<List<ScoringRequest>> requests = new ArrayList<>(group.size());
            for (QaExample q : group) {
                requests.add(encoder.encode(
                        format.mcContext(q, fewShot.exemplars(q)),
                        q.choices().stream().map(format::continuation).toList()));
            }
            double[][] logliks = loglikelihoods(scorer, requests);
            for (int i = 0; i < group.size(); i++) {
                QaExample q = group.get(i);
                predictions.add(ChoicePrediction.of(q.id(), q.answerIndex(), logliks[i], q.choices()));
            }
            progress.accept(predictions.size());
        }
        return predictions;
    }

    /**
     * The log-likelihood of every choice of every question, all scored in one call of {@code scorer} so
     * that its batches mix the questions' requests.
     *
     * @param questions each question's requests, one per choice
     */
    public static double[][] loglikelihoods(LoglikelihoodScorer scorer, List<List<ScoringRequest>> questions) {
        List<ScoringRequest> flat = questions.stream().flatMap(List::stream).toList();
        List<Loglikelihood> scores = scorer.score(flat);
        double[][] logliks = new double[questions.size()][];
        int next = 0;
        for (int q = 0; q < logliks.length; q++) {
            logliks[q] = new double[questions.get(q).size()];
            for (int c = 0; c < logliks[q].length; c++) {
                logliks[q][c] = scores.get(next++).logProb();
            }
        }
        return logliks;
    }
}
