package org.fedcot.pipeline.method;

import java.util.List;
import java.util.Map;
import org.fedcot.eval.data.QaExample;
import org.fedcot.eval.score.MeanTokenRatio;
import org.fedcot.pipeline.prompt.QuestionText;

/**
 * What a private variant's rationales are measured by, over the private examples: the paper's TokenRatios (the
 * sent prompts against the raw ones; Table 6: the LLM's rationales for the sent prompts against its rationales
 * for the raw prompts; Table 7: the rationales trained on, decoded where the variant decodes, against the
 * same). How many rationales state the gold answer before and after decoding is {@link RationaleCounts}'.
 *
 * @param promptRatio   mean TokenRatio of the sent prompts against the raw question texts
 * @param receivedRatio Table 6's mean TokenRatio; null without the raw prompts' rationales
 * @param usedRatio     Table 7's mean TokenRatio; null without the raw prompts' rationales
 */
public record RationaleMeasures(Double promptRatio, Double receivedRatio, Double usedRatio) {
    /**
     * The measures of {@code rationales} over {@code examples}.
     *
     * @param rawRationales id to the LLM's rationale for the raw prompt (Non-Private's), null when not at hand
     */
    public static RationaleMeasures of(
            List<QaExample> examples, Rationales rationales, Map<String, String> rawRationales) {
        List<String> ids = examples.stream().map(QaExample::id).toList();
        List<String> rawPrompts = examples.stream().map(QuestionText::of).toList();
        Double prompts = MeanTokenRatio.of(values(rationales.sent(), ids), rawPrompts);
        Double received = rawRationales == null
                ? null
                : MeanTokenRatio.of(values(rationales.received(), ids), values(rawRationales, ids));
        Double used = rawRationales == null
                ? null
                : MeanTokenRatio.of(values(rationales.used(), ids), values(rawRationales, ids));
        return new RationaleMeasures(prompts, received, used);
    }

    private static List<String> values(Map<String, String> m, List<String> ids) {
        return ids.stream().map(m::get).toList();
    }
}
