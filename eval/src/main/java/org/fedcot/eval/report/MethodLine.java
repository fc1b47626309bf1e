package org.fedcot.eval.report;

import java.math.BigDecimal;

/**
 * A line of the paper's tables: a method, at one eps when it perturbs prompts.
 *
 * @param method  the method's table name
 * @param epsilon its eps, or {@code null}
 */
public record MethodLine(String method, Double epsilon) {
    /** The line's label in tables and chart legends: "Standalone", "FedCoT-E (ε=2)", "FedCoT-E (ε=0.5)". */
    public String label() {
        return epsilon == null
                ? method
                : method + " (ε="
                        + BigDecimal.valueOf(epsilon).stripTrailingZeros().toPlainString() + ")";
    }
}
