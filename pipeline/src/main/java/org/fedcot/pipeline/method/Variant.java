package org.fedcot.pipeline.method;

import java.util.Locale;
import org.fedcot.pipeline.Method;
import org.fedcot.pipeline.run.RunDir;

/**
 * One trained-and-evaluated line of the paper's tables: a method at one eps, with or without decoding, on
 * a share of the private training data.
 *
 * @param method   the method
 * @param epsilon  eps of its encoder (FedCoT-E: the mechanism's; FedCoT-A: its encoder targets'), null otherwise
 * @param decoding whether the LLM's rationales are decoded before training (false: the "w/o decoding" ablation)
 * @param fraction share of the private training data, in (0, 1]
 */
public record Variant(Method method, Double epsilon, boolean decoding, double fraction) {
    /** The variant's name in the run directory: "standalone", "fedcot-e-eps3", "fedcot-e-eps3-nodecode-frac0.25". */
    public String id() {
        StringBuilder s = new StringBuilder(method.configName());
        if (epsilon != null) {
            s.append("-eps").append(RunDir.eps(epsilon));
        }
        if (!decoding) {
            s.append("-nodecode");
        }
        if (fraction < 1) {
            s.append("-frac").append(fraction);
        }
        return s.toString();
    }

    /** The label with its eps, for messages: "FedCoT-E eps=3", "Standalone". */
    public String title() {
        return epsilon == null ? label() : label() + " eps=" + RunDir.eps(epsilon);
    }

    /** The row label of the tables: "FedCoT-E", "FedCoT-E w/o decoding", "FedCoT-E (25%)" (eps is its own column). */
    public String label() {
        String label = method.tableName() + (decoding ? "" : " w/o decoding");
        return fraction < 1 ? label + String.format(Locale.ROOT, " (%.0f%%)", 100 * fraction) : label;
    }
}
