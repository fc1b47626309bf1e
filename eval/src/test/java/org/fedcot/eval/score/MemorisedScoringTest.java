package org.fedcot.eval.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.fedcot.eval.data.QaExample;
import org.fedcot.models.generate.LoglikelihoodScorer;
import org.junit.jupiter.api.Test;

/**
 * Both scoring modes on a model whose answers are known by construction ({@link MemorisedModel}): it
 * picks its memorised answer for every question, so on a set where some gold labels are that answer
 * and the others are not, the accuracy is exactly the share of the former.
 */
class MemorisedScoringTest {
    /** The memorised questions, the last {@code relabelled} with a gold answer other than the memorised one. */
    private static List<QaExample> mixed(int relabelled) {
        List<QaExample> out = new ArrayList<>();
        List<QaExample> qs = MemorisedModel.QUESTIONS;
        for (int i = 0; i < qs.size(); i++) {
            QaExample q = qs.get(i);
            int gold = i < qs.size() - relabelled
                    ? q.answerIndex()
                    : (q.answerIndex() + 1) % q.choices().size();
            out.add(new QaExample(q.id(), q.question(), q.passage(), q.choices(), gold));
        }
        return out;
    }

    @Test
    void multipleChoicePicksTheMemorisedAnswers() {
        MultipleChoiceScorer mc = new MultipleChoiceScorer(
                new LoglikelihoodScorer(MemorisedModel.get(), 4),
                MemorisedModel.TOKENIZER,
                MemorisedModel.FORMAT,
                FewShotSampler.zeroShot());
        List<Integer> progress = new ArrayList<>();
        List<ChoicePrediction> all = mc.score(MemorisedModel.QUESTIONS, progress::add);
        assertEquals(List.of(MemorisedModel.QUESTIONS.size()), progress);
        for (int i = 0; i < all.size(); i++) {
            int memorised = MemorisedModel.QUESTIONS.get(i).answerIndex();
            assertEquals(memorised, all.get(i).predicted(), all.get(i).toString());
            assertEquals(memorised, all.get(i).predictedNorm(), all.get(i).toString());
        }
        assertEquals(new Accuracy(6, 6), Accuracy.count(all, Prediction::correct));

        List<ChoicePrediction> mixed = mc.score(mixed(2), done -> {});
        assertEquals(new Accuracy(4, 6), Accuracy.count(mixed, Prediction::correct));
        assertEquals(new Accuracy(4, 6), Accuracy.count(mixed, ChoicePrediction::correctNorm));
    }

    @Test
    void generationAnswersTheMemorisedAnswers() {
        GenerationScorer gen = new GenerationScorer(
                MemorisedModel.get(),
                MemorisedModel.TOKENIZER,
                MemorisedModel.FORMAT::genPrompt,
                GenerationScorer.options(MemorisedModel.get(), MemorisedModel.TOKENIZER, 12),
                4);
        List<GenerationPrediction> all = gen.score(MemorisedModel.QUESTIONS, done -> {});
        for (int i = 0; i < all.size(); i++) {
            QaExample q = MemorisedModel.QUESTIONS.get(i);
            assertEquals(" " + q.answerText(), all.get(i).generated());
            assertEquals(q.answerIndex(), all.get(i).predicted());
        }
        List<GenerationPrediction> mixed = gen.score(mixed(3), done -> {});
        assertEquals(new Accuracy(3, 6), Accuracy.count(mixed, Prediction::correct));
    }
}
