package org.fedcot.pipeline.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fedcot.pipeline.Method;
import org.fedcot.pipeline.config.RunConfig;
import org.fedcot.pipeline.method.Variant;
import org.fedcot.pipeline.method.VariantPlan;
import org.fedcot.pipeline.run.RunDir;

/**
 * The releases of every private prompt a configuration makes, from its variant plan: one per distinct FedCoT-E
 * eps (variants at one eps share their perturbed prompts), one for FedCoT-A's encoder. Under basic composition
 * a prompt's releases cost the sum of their eps per word; a release without a DP guarantee costs an unbounded
 * amount, which no finite budget covers.
 */
public final class ReleasePlan {
    private ReleasePlan() {}

    /** The releases of {@code config}, in the order the run makes them. */
    public static List<Release> of(RunConfig config) {
        Map<String, List<String>> variants = new LinkedHashMap<>();
        Map<String, Variant> first = new LinkedHashMap<>();
        for (Variant v : VariantPlan.of(config)) {
            String stage = v.method() == Method.FEDCOT_E
                    ? "perturbed-eps" + RunDir.eps(v.epsilon())
                    : v.method() == Method.FEDCOT_A ? "fedcot-a-encoded" : null;
            if (stage != null) {
                variants.computeIfAbsent(stage, s -> new ArrayList<>()).add(v.id());
                first.putIfAbsent(stage, v);
            }
        }
        List<Release> releases = new ArrayList<>();
        variants.forEach((stage, ids) -> {
            Variant v = first.get(stage);
            boolean dp = v.method() == Method.FEDCOT_E;
            releases.add(new Release(
                    stage, List.copyOf(ids), dp ? config.privacy().mechanism() : "fedcot-a-encoder", v.epsilon(), dp));
        });
        return releases;
    }

    /**
     * The first release that takes the composed eps per word past {@code budget}, as one line naming its
     * variant; empty when the plan fits.
     */
    public static Optional<String> overBudget(List<Release> releases, double budget) {
        double composed = 0;
        List<String> so = new ArrayList<>();
        for (Release r : releases) {
            if (!r.dp()) {
                return Optional.of("variant " + r.firstVariant() + " releases every private prompt through FedCoT-A's"
                        + " encoder, with " + Release.NO_DP + ", which no privacy.budgetPerPrompt covers");
            }
            composed += r.epsilon();
            so.add(r.firstVariant());
            if (composed > budget) {
                return Optional.of(String.format(
                        Locale.ROOT,
                        "variant %s would bring every private prompt to eps %s"
                                + " per word under basic composition (%s), over privacy.budgetPerPrompt %s",
                        r.firstVariant(),
                        RunDir.eps(composed),
                        String.join(" + ", so),
                        RunDir.eps(budget)));
            }
        }
        return Optional.empty();
    }
}
