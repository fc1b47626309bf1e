package org.fedcot.eval.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fedcot.eval.data.QaExample;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TransformerConfig;
import org.junit.jupiter.api.Test;

/**
 * Questions decoded side by side get the predictions they get one at a time, whether the answers end early and
 * unevenly ({@link MemorisedModel}: its memorised answer, then end of sequence) or all run to the token limit (a
 * random model); progress counts up to every question.
 */
class GenerationBatchTest {
    private static final int NEW_TOKENS = 12;

    private static DecoderModel randomModel() {
        TransformerConfig config = TransformerConfig.builder(ModelType.LLAMA)
                .vocabSize(MemorisedModel.TOKENIZER.vocabSize())
                .hiddenSize(64)
                .intermediateSize(128)
                .numLayers(2)
                .numHeads(4)
                .numKvHeads(2)
                .maxPositionEmbeddings(128)
                .build();
        return DecoderModel.random(config, 11);
    }

    /** Scores the memorised questions with {@code batch}, checking that progress rises to every question. */
    private static List<GenerationPrediction> score(DecoderModel model, int batch) {
        GenerationScorer scorer = new GenerationScorer(
                model,
                MemorisedModel.TOKENIZER,
                MemorisedModel.FORMAT::genPrompt,
                GenerationScorer.options(model, MemorisedModel.TOKENIZER, NEW_TOKENS),
                batch);
        List<Integer> progress = new ArrayList<>();
        List<GenerationPrediction> predictions = scorer.score(MemorisedModel.QUESTIONS, progress::add);
        assertEquals(MemorisedModel.QUESTIONS.size(), progress.getLast(), "progress " + progress);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) > progress.get(i - 1), "progress " + progress);
        }
        return predictions;
    }

    /** Checks that batches of 4 and 16 give the predictions of one at a time, and returns those. */
    private static List<GenerationPrediction> batchedEqualsOneAtATime(DecoderModel model) {
        List<GenerationPrediction> alone = score(model, 1);
        assertEquals(
                MemorisedModel.QUESTIONS.stream().map(QaExample::id).toList(),
                alone.stream().map(GenerationPrediction::id).toList());
        assertTrue(
                alone.stream().map(GenerationPrediction::generated).distinct().count() > 1,
                "every question got the same answer: " + alone);
        assertEquals(alone, score(model, 4));
        assertEquals(alone, score(model, 16));
        return alone;
    }

    @Test
    void answersThatEndUnevenly() {
        List<GenerationPrediction> alone = batchedEqualsOneAtATime(MemorisedModel.get());
        assertTrue(
                alone.stream().map(p -> p.generated().length()).distinct().count() > 1,
                "the answers all have one length: " + alone);
    }

    @Test
    void answersThatRunToTheLimit() {
        batchedEqualsOneAtATime(randomModel());
    }

    @Test
    void oneQuestionAtATimeReportsEachQuestion() {
        DecoderModel model = randomModel();
        GenerationScorer scorer = new GenerationScorer(
                model,
                MemorisedModel.TOKENIZER,
                MemorisedModel.FORMAT::genPrompt,
                GenerationScorer.options(model, MemorisedModel.TOKENIZER, NEW_TOKENS),
                1);
        List<Integer> progress = new ArrayList<>();
        scorer.score(MemorisedModel.QUESTIONS, progress::add);
        assertEquals(List.of(1, 2, 3, 4, 5, 6), progress);
    }
}
