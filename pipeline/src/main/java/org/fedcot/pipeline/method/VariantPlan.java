package org.fedcot.pipeline.method;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fedcot.pipeline.Method;
import org.fedcot.pipeline.config.AblationSettings;
import org.fedcot.pipeline.config.RunConfig;

/**
 * The variants a configuration asks for: each listed method once (private ones at the configured eps), then
 * FedCoT-E's ablations (eps sweep, without decoding, data fractions). Non-Private runs before the private
 * methods, whose rationale TokenRatios are measured against its rationales.
 */
public final class VariantPlan {
    private VariantPlan() {}

    /** The variants of {@code config}, each once, in method order. */
    public static List<Variant> of(RunConfig config) {
        double eps = config.privacy().epsilon();
        Map<String, Variant> plan = new LinkedHashMap<>();
        for (Method m : config.methodList()) {
            Double e =
                    switch (m) {
                        case FEDCOT_E -> eps;
                        case FEDCOT_A -> config.privacy().encoderEpsilon();
                        default -> null;
                    };
            add(plan, new Variant(m, e, true, 1));
        }
        AblationSettings a = config.ablations();
        for (double e : a.epsilons()) {
            add(plan, new Variant(Method.FEDCOT_E, e, true, 1));
        }
        if (a.withoutDecoding()) {
            add(plan, new Variant(Method.FEDCOT_E, eps, false, 1));
            if (config.methodList().contains(Method.FEDCOT_A)) {
                add(plan, new Variant(Method.FEDCOT_A, config.privacy().encoderEpsilon(), false, 1));
            }
        }
        for (double f : a.fractions()) {
            add(plan, new Variant(Method.FEDCOT_E, eps, true, f));
        }
        List<Variant> ordered = new ArrayList<>(plan.values());
        ordered.sort(Comparator.comparing(Variant::method));
        return ordered;
    }

    /** Whether any variant of {@code config} perturbs prompts (an eps ablation adds FedCoT-E variants too). */
    public static boolean perturbs(RunConfig config) {
        return of(config).stream().anyMatch(v -> v.method().isPrivate());
    }

    private static void add(Map<String, Variant> plan, Variant v) {
        plan.putIfAbsent(v.id(), v);
    }
}
