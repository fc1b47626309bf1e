package org.fedcot.pipeline.config;

import org.fedcot.pipeline.privacy.ReleasePlan;

/** The checks of the privacy section's policies, gate and budget, each naming its field. */
final class PrivacyChecks {
    private PrivacyChecks() {}

    /** Throws the first problem of {@code source}'s privacy section. */
    static void check(ConfigSource source) {
        PrivacySettings p = source.config().privacy();
        try {
            p.options(p.epsilon());
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().startsWith("unknown numbers") ? "/privacy/numbers" : "/privacy/unknownWords";
            throw source.error(field, e.getMessage());
        }
        if (!(p.maxKeptShare() >= 0 && p.maxKeptShare() <= 1)) {
            throw source.error("/privacy/maxKeptShare", "must be a share in [0, 1], got " + p.maxKeptShare());
        }
        if (p.budgetPerPrompt() != null && !(p.budgetPerPrompt() > 0 && Double.isFinite(p.budgetPerPrompt()))) {
            throw source.error("/privacy/budgetPerPrompt", "must be a finite eps > 0, got " + p.budgetPerPrompt());
        }
        if (p.budgetPerPrompt() != null) {
            ReleasePlan.overBudget(ReleasePlan.of(source.config()), p.budgetPerPrompt())
                    .ifPresent(problem -> {
                        throw source.error("/privacy/budgetPerPrompt", problem);
                    });
        }
        for (String a : p.attacks()) {
            if (!PrivacySettings.ATTACKS.contains(a)) {
                throw source.error(
                        "/privacy/attacks",
                        "unknown attack '" + a + "'; choose " + String.join(", ", PrivacySettings.ATTACKS));
            }
        }
    }
}
