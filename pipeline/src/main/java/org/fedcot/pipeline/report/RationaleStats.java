package org.fedcot.pipeline.report;

import java.util.List;
import java.util.function.Function;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.pipeline.method.RationaleCounts;
import org.fedcot.pipeline.method.VariantResult;

/**
 * What a private variant's rationales were like over a run's seeds (Tables 4, 6 and 7): the mean TokenRatios,
 * and how many rationales stated the gold answer before decoding (as the LLM sent them) and after (as trained
 * on), as k of n summed over the seeds.
 *
 * @param promptRatio   mean TokenRatio of the sent prompts against the raw ones (Table 4), null without
 * @param receivedRatio mean TokenRatio of the LLM's rationales against its rationales for the raw prompts (Table 6)
 * @param usedRatio     mean TokenRatio of the rationales trained on (decoded) against the same (Table 7)
 * @param goldBefore    rationales stating the gold answer of those the LLM gave, null when not recorded
 * @param goldAfter     the same of the rationales trained on (decoded, where the variant decodes), null without
 */
public record RationaleStats(
        Double promptRatio, Double receivedRatio, Double usedRatio, Accuracy goldBefore, Accuracy goldAfter) {
    /** The statistics of {@code results}, one per seed of the same variant. */
    public static RationaleStats of(List<VariantResult> results) {
        return new RationaleStats(
                mean(results, VariantResult::promptTokenRatio),
                mean(results, VariantResult::receivedTokenRatio),
                mean(results, VariantResult::usedTokenRatio),
                gold(results, VariantResult::received),
                gold(results, VariantResult::rationales));
    }

    /** The mean of {@code value} over {@code results}; null when some result lacks it. */
    private static Double mean(List<VariantResult> results, Function<VariantResult, Double> value) {
        if (results.stream().anyMatch(r -> value.apply(r) == null)) {
            return null;
        }
        return results.stream().mapToDouble(value::apply).average().orElseThrow();
    }

    /** Rationales stating the gold answer of those offered, summed over {@code results}; null when some lack counts. */
    private static Accuracy gold(List<VariantResult> results, Function<VariantResult, RationaleCounts> counts) {
        if (results.stream().anyMatch(r -> counts.apply(r) == null)) {
            return null;
        }
        int offered = results.stream().mapToInt(r -> counts.apply(r).offered()).sum();
        int gold = results.stream().mapToInt(r -> counts.apply(r).statingGold()).sum();
        return offered == 0 ? null : new Accuracy(gold, offered);
    }
}
