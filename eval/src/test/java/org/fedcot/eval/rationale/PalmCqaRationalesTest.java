package org.fedcot.eval.rationale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.fedcot.eval.data.Dataset;
import org.fedcot.eval.data.DatasetReader;
import org.fedcot.eval.data.QaExample;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.Test;

/**
 * PaLM's few-shot rationales for CommonsenseQA, filtered to those stating the gold answer. The kept counts
 * are pinned: an independent regex implementation in Python counted the same 7344 (train) and 959 (test).
 */
class PalmCqaRationalesTest {

    private static List<Rationale> judged(String split, List<QaExample> examples) throws IOException {
        List<Rationale> rationales =
                RationaleReader.read(SharedFiles.path("data/cqa/llm_palm"), split, examples, TeacherFormat.PALM);
        GoldAnswers.assertAlignedAndKeptAreGold(examples, rationales);
        assertTrue(rationales.stream().noneMatch(r -> r.text().contains("\n\nQ:")));
        return rationales;
    }

    @Test
    void train() throws IOException {
        List<QaExample> examples = DatasetReader.read(SharedFiles.path("data/cqa/cqa_train.json"), Dataset.CQA);
        List<Rationale> rationales = judged("train", examples);
        RationaleSummary summary = RationaleSummary.of(rationales);
        System.out.println("PaLM CQA train: " + summary);
        assertTrue(
                summary.kept() > 0.70 * summary.total() && summary.kept() < 0.85 * summary.total(), summary::toString);
        assertEquals(7344, summary.kept());
        assertEquals(284, summary.dropped().get(Verdict.SEVERAL_OPTIONS));

        Rationale first = rationales.getFirst();
        assertEquals(
                "The answer must be something that has to do with the above problem. Of the above choices, only math problem"
                        + " has to do with the above problem. So the answer is (d) math problem.",
                first.text());
        assertTrue(first.kept());
        // "So the answer is (c) train station." for a bum who lives under a bridge.
        assertFalse(rationales.get(1).kept());
        assertEquals(Verdict.WRONG_ANSWER, rationales.get(1).verdict());
    }

    @Test
    void test() throws IOException {
        List<QaExample> examples = DatasetReader.read(SharedFiles.path("data/cqa/cqa_test.json"), Dataset.CQA);
        RationaleSummary summary = RationaleSummary.of(judged("test", examples));
        System.out.println("PaLM CQA test: " + summary);
        assertTrue(
                summary.kept() > 0.70 * summary.total() && summary.kept() < 0.85 * summary.total(), summary::toString);
        assertEquals(959, summary.kept());
    }
}
