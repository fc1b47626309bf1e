package org.fedcot.pipeline.stage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fedcot.pipeline.run.RunDir;
import org.fedcot.pipeline.run.RunListener;
import org.fedcot.privacy.TextPerturber;

/**
 * FedCoT-E's encoder: the exponential mechanism over every question text, at one eps. Each example draws
 * from its own generator seeded by (run seed, example id, eps), so a resumed run, or a run over another
 * subset, perturbs every example exactly as an uninterrupted one does.
 */
public final class PerturbStage {
    private PerturbStage() {}

    /** The perturbed text of each id of {@code texts}, in stage {@code name}. */
    public static Map<String, String> run(
            RunDir dir,
            String name,
            TextPerturber base,
            double eps,
            long seed,
            Map<String, String> texts,
            RunListener listener)
            throws IOException {
        TextPerturber perturber = base.withOptions(base.options().withEpsilon(eps));
        return TextStage.run(
                dir,
                name,
                texts,
                16,
                (ids, inputs) -> {
                    List<String> out = new ArrayList<>(ids.size());
                    for (int i = 0; i < ids.size(); i++) {
                        out.add(perturber
                                .perturb(inputs.get(i), new SplittableRandom(seedOf(seed, ids.get(i), eps)))
                                .text());
                    }
                    return out;
                },
                listener);
    }

    /** The generator seed of one example at one eps (String and Double hash codes are fixed by the JDK spec). */
    static long seedOf(long seed, String id, double eps) {
        long s = seed * 0x9E3779B97F4A7C15L + id.hashCode();
        return s * 0x9E3779B97F4A7C15L + Double.hashCode(eps);
    }
}
