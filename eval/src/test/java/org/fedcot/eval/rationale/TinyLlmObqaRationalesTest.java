package org.fedcot.eval.rationale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.fedcot.eval.data.Dataset;
import org.fedcot.eval.data.DatasetReader;
import org.fedcot.eval.data.QaExample;
import org.fedcot.llm.prompt.StatedAnswer;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TinyLLM's Flan-T5 rationales for OpenBookQA: the teacher saw the gold answer, so all of them state it. */
class TinyLlmObqaRationalesTest {

    @ParameterizedTest
    @CsvSource({"train, 4957", "valid, 500", "test, 500"})
    void everySplitKeepsItsFirstRationale(String split, int count) throws IOException {
        List<QaExample> examples =
                DatasetReader.read(SharedFiles.path("data/obqa/obqa_" + split + ".json"), Dataset.OBQA);
        List<Rationale> rationales =
                RationaleReader.read(SharedFiles.path("data/obqa/llm"), split, examples, TeacherFormat.TINYLLM);
        GoldAnswers.assertAlignedAndKeptAreGold(examples, rationales);
        assertTrue(rationales.stream()
                .noneMatch(r -> r.text().contains("llama rationale") || r.text().contains("\n\nQ:")));
        RationaleSummary summary = RationaleSummary.of(rationales);
        System.out.println("TinyLLM OBQA " + split + ": " + summary);
        assertEquals(count, summary.total());
        assertEquals(count, summary.kept());
    }

    @Test
    void firstTrainRationale() throws IOException {
        List<QaExample> examples = DatasetReader.read(SharedFiles.path("data/obqa/obqa_train.json"), Dataset.OBQA);
        Rationale first = RationaleReader.read(
                        SharedFiles.path("data/obqa/llm"), "train", examples, TeacherFormat.TINYLLM)
                .getFirst();
        assertEquals(
                "Sun is responsible for plants sprouting, blooming and wilting. Thus, the answer is (d) plants sprouting,"
                        + " blooming and wilting",
                first.text());
        assertEquals(new StatedAnswer("d", "plants sprouting, blooming and wilting"), first.stated());
    }
}
