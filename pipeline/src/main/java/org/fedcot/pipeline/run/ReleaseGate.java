package org.fedcot.pipeline.run;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fedcot.pipeline.privacy.KeptWords;
import org.fedcot.pipeline.prompt.RationalePrompts;
import org.fedcot.privacy.PerturbOptions;

/**
 * The privacy rule at the door to the server, read from the text rather than from what the caller says it is:
 * a prompt made for a private (or test) example is refused when it holds that example's raw question verbatim,
 * or keeps more than {@code maxKeptShare} of the question's eligible words (every number, every word but the
 * stopwords the options keep); a {@code maxKeptShare} of 1 lets every such prompt through. Words of the
 * request's own frame (the instruction and worked example every rationale request carries) count only beyond
 * their number there. Only a batch its caller marks
 * {@link Exposure#RAW_PRIVATE}, in a run that allows raw prompts, goes out unread.
 */
public final class ReleaseGate {
    /** The units every rationale request carries whatever its question. */
    private static final Map<String, Integer> FRAME = KeptWords.counts(RationalePrompts.request(""));

    private final Map<String, String> privateTexts;
    private final PerturbOptions options;
    private final double maxKeptShare;
    private final boolean allowRaw;

    /**
     * A gate over {@code privateTexts} (example id to raw question text).
     *
     * @param options      the options whose policy says which words are eligible
     * @param maxKeptShare the largest share of eligible words a prompt may keep
     * @param allowRaw     whether the run allows raw prompts (llm.allowRawPrompts)
     */
    public ReleaseGate(
            Map<String, String> privateTexts, PerturbOptions options, double maxKeptShare, boolean allowRaw) {
        this.privateTexts = Map.copyOf(privateTexts);
        this.options = options;
        this.maxKeptShare = maxKeptShare;
        this.allowRaw = allowRaw;
    }

    /**
     * Throws unless every prompt may go to the server.
     *
     * @param stage    the stage asking, for the message
     * @param ids      the example of each prompt
     * @param prompts  the prompts
     * @param exposure what the caller says the batch is
     * @throws IllegalStateException naming the stage, the example and what it keeps
     */
    public void check(String stage, List<String> ids, List<String> prompts, Exposure exposure) {
        if (exposure == Exposure.RAW_PRIVATE) {
            if (!allowRaw) {
                throw new IllegalStateException(
                        "refusing to send raw private prompts (stage " + stage + "): llm.allowRawPrompts is false");
            }
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            String raw = privateTexts.get(ids.get(i));
            if (raw != null) {
                checkOne(stage, ids.get(i), raw, prompts.get(i));
            }
        }
    }

    private void checkOne(String stage, String id, String raw, String prompt) {
        String where = "refusing to send stage " + stage + "'s prompt for private example " + id + ": ";
        // a share of 1 lets a mechanism's draw through even when it happens to keep every word (the demo's
        // questions have one private word, kept at random more often as eps grows)
        if (maxKeptShare < 1 && !raw.isBlank() && prompt.contains(raw.strip())) {
            throw new IllegalStateException(where + "it holds the raw question verbatim");
        }
        Map<String, Integer> sent = KeptWords.counts(prompt);
        FRAME.forEach((unit, n) -> sent.merge(unit, -n, Integer::sum));
        KeptWords k = KeptWords.of(raw, sent, options);
        if (k.share() > maxKeptShare) {
            throw new IllegalStateException(where
                    + String.format(
                            Locale.ROOT,
                            "it keeps %d of the question's %d eligible words (%.0f%%, above privacy.maxKeptShare %s)",
                            k.kept(),
                            k.eligible(),
                            100 * k.share(),
                            maxKeptShare));
        }
    }
}
