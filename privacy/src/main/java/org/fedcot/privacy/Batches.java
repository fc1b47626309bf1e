package org.fedcot.privacy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Perturbs many texts with their words prepared in blocks: consecutive texts are grouped until
 * their distinct inputs fill one similarity block ({@link CosineRows#MAX_BLOCK}), the group's
 * inputs prepared together (one matrix product instead of one per text), then each text perturbed
 * from the warm cache. The texts and draws are exactly those of one {@code perturb} call per text.
 */
final class Batches {
    private Batches() {}

    /**
     * The perturbations of {@code texts}, in order.
     *
     * @param inputs per text, the row of each unit that goes through the mechanism, -1 for the others
     */
    static List<Perturbation> perturbAll(
            TextPerturber perturber, Function<String, int[]> inputs, List<String> texts, SplittableRandom rng) {
        List<Perturbation> out = new ArrayList<>(texts.size());
        int next = 0;
        while (next < texts.size()) {
            Set<Integer> group = new LinkedHashSet<>();
            int end = next;
            while (end < texts.size()) {
                Set<Integer> more = new LinkedHashSet<>(group);
                for (int row : inputs.apply(texts.get(end))) {
                    if (row >= 0) {
                        more.add(row);
                    }
                }
                if (end > next && more.size() > CosineRows.MAX_BLOCK) {
                    break;
                }
                group = more;
                end++;
            }
            perturber
                    .engine()
                    .prepare(group.stream().mapToInt(Integer::intValue).toArray());
            for (int i = next; i < end; i++) {
                out.add(perturber.perturb(texts.get(i), rng));
            }
            next = end;
        }
        return out;
    }
}
