package org.fedcot.eval.score;

import java.util.List;
import org.fedcot.privacy.TokenRatio;

/**
 * The TokenRatio a report gives for a method at one eps: the mean over a dataset's prompts of
 * {@link TokenRatio#of}(perturbed prompt, original prompt), the share of a perturbed prompt's words that
 * are still the original's.
 */
public final class MeanTokenRatio {
    private MeanTokenRatio() {}

    /**
     * The mean TokenRatio of {@code perturbed.get(i)} against {@code originals.get(i)}.
     *
     * @throws IllegalArgumentException when the lists differ in length or are empty
     */
    public static double of(List<String> perturbed, List<String> originals) {
        if (perturbed.size() != originals.size() || perturbed.isEmpty()) {
            throw new IllegalArgumentException(
                    "TokenRatio needs one original per perturbed prompt and at least one pair; got " + perturbed.size()
                            + " perturbed and " + originals.size() + " originals");
        }
        double sum = 0;
        for (int i = 0; i < perturbed.size(); i++) {
            sum += TokenRatio.of(perturbed.get(i), originals.get(i));
        }
        return sum / perturbed.size();
    }
}
