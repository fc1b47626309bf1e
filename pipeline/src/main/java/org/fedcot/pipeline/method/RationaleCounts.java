package org.fedcot.pipeline.method;

import java.util.List;
import java.util.Map;
import org.fedcot.eval.data.QaExample;

/**
 * What the rationale filter made of a variant's rationales.
 *
 * @param offered     non-blank rationales for the variant's private examples
 * @param statingGold those of them whose stated answer is the gold one
 * @param kept        those trained on: {@code statingGold} with filtering on, {@code offered} with it off
 */
public record RationaleCounts(int offered, int statingGold, int kept) {
    /** The counts of {@code rationales} (id to rationale) over {@code examples}. */
    public static RationaleCounts of(List<QaExample> examples, Map<String, String> rationales, boolean filter) {
        int offered = 0;
        int gold = 0;
        for (QaExample e : examples) {
            String r = rationales.get(e.id());
            if (TaskExamples.usable(r, e, false)) {
                offered++;
            }
            if (TaskExamples.usable(r, e, true)) {
                gold++;
            }
        }
        return new RationaleCounts(offered, gold, filter ? gold : offered);
    }

    /** The line the run prints: "FedCoT-E eps=3: 742 of 980 rationales state the gold answer (kept)". */
    public String message(String variantTitle) {
        String fate = kept == statingGold ? "kept" : "all " + kept + " kept: filterRationales is off";
        return variantTitle + ": " + statingGold + " of " + offered + " rationales state the gold answer (" + fate
                + ")";
    }
}
