package org.fedcot.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fedcot.eval.data.QaExample;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.pipeline.Method;
import org.fedcot.pipeline.method.RationaleCounts;
import org.fedcot.pipeline.method.RationaleMeasures;
import org.fedcot.pipeline.method.Rationales;
import org.fedcot.pipeline.method.Variant;
import org.fedcot.pipeline.method.VariantResult;
import org.fedcot.pipeline.prompt.QuestionText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables 6 and 7 as the paper defines them, on rationales written by hand: Table 6 is the TokenRatio of the
 * LLM's rationales for the perturbed prompts against its rationales for the raw prompts, Table 7 that of the
 * decoded rationales against the same, each with the share of rationales stating the gold answer (before
 * decoding, and after).
 */
class RationaleTablesTest {
    private static final QaExample BLICK =
            new QaExample("q1", "Where does a blick live?", null, List.of("trees", "water"), 0);
    private static final QaExample DAX = new QaExample("q2", "What does a dax eat?", null, List.of("seeds", "fish"), 1);

    @TempDir
    Path dir;

    @Test
    void tablesSixAndSevenCompareRationalesWithTheRawPromptsRationales() throws IOException {
        Map<String, String> raw = Map.of(
                "q1", "A blick is a bird. Birds live in trees. So the answer is trees.",
                "q2", "A dax is a cat. Cats eat fish. So the answer is fish.");
        // the LLM's rationales for the perturbed prompts: 10 of 11 words in q1's raw rationale, 7 of 9 in q2's;
        // q1 states the gold answer, q2 does not
        Map<String, String> received = Map.of(
                "q1", "A wug is a bird. Birds live in trees. So the answer is trees.",
                "q2", "A zib is a fish. Fish eat seeds. So the answer is seeds.");
        // decoded: all of q1's words, 8 of q2's 9; both state the gold answer
        Map<String, String> decoded = Map.of(
                "q1", "A blick is a bird. Birds live in trees. So the answer is trees.",
                "q2", "A dax is a fish. Fish eat seeds. So the answer is fish.");
        Map<String, String> sent = Map.of("q1", QuestionText.of(BLICK), "q2", "Where does a zib live?");
        List<QaExample> examples = List.of(BLICK, DAX);
        RationaleMeasures m = RationaleMeasures.of(examples, new Rationales(sent, received, decoded), raw);
        assertEquals((10.0 / 11 + 7.0 / 9) / 2, m.receivedRatio(), 1e-12);
        assertEquals((1 + 8.0 / 9) / 2, m.usedRatio(), 1e-12);
        RationaleCounts before = RationaleCounts.of(examples, received, true);
        RationaleCounts after = RationaleCounts.of(examples, decoded, true);
        assertEquals(new RationaleCounts(2, 1, 1), before);
        assertEquals(new RationaleCounts(2, 2, 2), after);

        VariantResult fedCotE = VariantResult.builder(new Variant(Method.FEDCOT_E, 3.0, true, 1))
                .accuracy(new Accuracy(6, 10))
                .rationales(after, before)
                .tokenRatios(m.promptRatio(), m.receivedRatio(), m.usedRatio())
                .build();
        VariantResult standalone = VariantResult.builder(new Variant(Method.STANDALONE, null, true, 1))
                .accuracy(new Accuracy(5, 10))
                .build();
        String md = Files.readString(
                PaperTables.write(List.of(Results.oneSeed("cqa", 3, List.of(standalone, fedCotE))), dir));
        assertTrue(
                md.contains("## Table 6: TokenRatio of the LLM's rationales for perturbed prompts vs for raw prompts"
                        + "\n\n| Method | Dataset | TokenRatio (perturbed- vs raw-prompt rationales) | State the gold answer |"
                        + "\n|---|---|---:|---:|\n| FedCoT-E (ε=3) | cqa | 0.843 | 1/2 (50.0%) |\n"),
                md);
        assertTrue(
                md.contains("## Table 7: TokenRatio of the decoded rationales vs the LLM's rationales for raw"
                        + " prompts\n\n| Method | Dataset | TokenRatio (decoded vs raw-prompt rationales) | State the gold"
                        + " answer: before decoding | after decoding |\n|---|---|---:|---:|---:|\n"
                        + "| FedCoT-E (ε=3) | cqa | 0.944 | 1/2 (50.0%) | 2/2 (100.0%) |\n"),
                md);
    }
}
