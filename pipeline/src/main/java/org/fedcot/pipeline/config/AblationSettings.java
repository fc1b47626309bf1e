package org.fedcot.pipeline.config;

import java.util.List;

/**
 * The paper's ablations, each run for FedCoT-E beside the main methods.
 *
 * @param epsilons        eps sweep (Table 4; paper: 1, 3, 5, 10); empty: none
 * @param withoutDecoding also train on the LLM's rationales as they come, undecoded (Table 5)
 * @param fractions       shares of the private training data (Table 6; paper: 0.25, 0.5, 0.75); empty: none
 */
public record AblationSettings(List<Double> epsilons, Boolean withoutDecoding, List<Double> fractions) {
    /** Fills unset values: no ablation. */
    public AblationSettings {
        epsilons = epsilons == null ? List.of() : List.copyOf(epsilons);
        withoutDecoding = withoutDecoding != null && withoutDecoding;
        fractions = fractions == null ? List.of() : List.copyOf(fractions);
    }

    /** No ablation. */
    public static AblationSettings none() {
        return new AblationSettings(null, null, null);
    }
}
