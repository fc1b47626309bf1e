package org.fedcot.pipeline.privacy;

import java.util.List;

/**
 * One release of every private prompt to the server: the stage whose outputs the server receives, the variants
 * that use it, and what protects it.
 *
 * @param stage     the stage holding the released texts ("perturbed-eps3", "fedcot-a-encoded")
 * @param variants  the variants using this release
 * @param mechanism the mechanism's name, or "fedcot-a-encoder"
 * @param epsilon   eps per word of the mechanism; for FedCoT-A the eps of the perturbed prompts its encoder
 *                  imitates, which it does not spend
 * @param dp        whether the release is a mechanism draw (false: FedCoT-A's greedy, deterministic encoder)
 */
public record Release(String stage, List<String> variants, String mechanism, double epsilon, boolean dp) {
    /** What the ledger writes for a release without a DP guarantee. */
    public static final String NO_DP = "no DP guarantee (deterministic encoder)";

    /** The variant named first (the one whose release it is in messages). */
    public String firstVariant() {
        return variants.getFirst();
    }
}
