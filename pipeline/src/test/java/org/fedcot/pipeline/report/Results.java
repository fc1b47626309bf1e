package org.fedcot.pipeline.report;

import java.util.List;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.pipeline.Method;
import org.fedcot.pipeline.method.RationaleCounts;
import org.fedcot.pipeline.method.Variant;
import org.fedcot.pipeline.method.VariantResult;
import org.fedcot.pipeline.stage.ChoiceScores;

/** Made-up variant results, for report tests that need no model. */
final class Results {
    private Results() {}

    /** A full-data, decoded variant of {@code method} at {@code eps} with {@code correct} of 10 right. */
    static VariantResult of(Method method, Double eps, int correct) {
        RationaleCounts rationales = method == Method.STANDALONE ? null : new RationaleCounts(10, 7, 7);
        Double ratio = method.isPrivate() ? 0.5 : null;
        return VariantResult.builder(new Variant(method, eps, true, 1))
                .accuracy(new Accuracy(correct, 10))
                .rationales(rationales, rationales)
                .tokenRatios(ratio, ratio, ratio)
                .build();
    }

    /** A run of one seed (0) whose predictions are not at hand (no paired tests). */
    static RunResults oneSeed(String dataset, double epsilon, List<VariantResult> results) {
        return new RunResults(dataset, epsilon, List.of(new SeedRun(0, null, results)));
    }

    /** {@link #of} scored by multiple choice too. */
    static VariantResult withChoices(Method method, Double eps, int correct) {
        VariantResult r = of(method, eps, correct);
        return VariantResult.builder(r.variant())
                .accuracy(r.accuracy())
                .choice(new ChoiceScores(new Accuracy(3, 10), new Accuracy(4, 10)))
                .rationales(r.rationales(), r.received())
                .tokenRatios(r.promptTokenRatio(), r.receivedTokenRatio(), r.usedTokenRatio())
                .build();
    }
}
