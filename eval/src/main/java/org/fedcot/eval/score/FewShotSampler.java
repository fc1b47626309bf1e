package org.fedcot.eval.score;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.fedcot.eval.data.QaExample;

/**
 * Draws the k solved exemplars that precede a question in k-shot scoring, from a separate pool
 * (usually the training split), as lm-evaluation-harness draws them from its few-shot split: uniformly
 * without replacement, never the question itself. A pool question counts as the question itself when it
 * has the same id or the same question text, so a pool that is the evaluation file, or overlaps it,
 * cannot give the answer away.
 *
 * <p>Each question's exemplars come from a generator seeded by the seed and the question's id, so they
 * do not depend on which other questions are scored or in what order (a {@code --limit} run draws the
 * same exemplars as the full one).
 */
public final class FewShotSampler {
    private final List<QaExample> pool;
    private final int shots;
    private final long seed;

    /**
     * A sampler of {@code shots} exemplars per question from {@code pool}.
     *
     * @throws IllegalArgumentException if shots is negative, or positive with fewer than shots + 1 questions in the pool
     */
    public FewShotSampler(List<QaExample> pool, int shots, long seed) {
        if (shots < 0) {
            throw new IllegalArgumentException("the number of shots must be >= 0, got " + shots);
        }
        if (shots > 0 && pool.size() <= shots) {
            throw new IllegalArgumentException(shots + "-shot scoring needs more than " + shots
                    + " questions in the few-shot pool, which has " + pool.size());
        }
        this.pool = List.copyOf(pool);
        this.shots = shots;
        this.seed = seed;
    }

    /** A sampler that draws nothing: zero-shot scoring. */
    public static FewShotSampler zeroShot() {
        return new FewShotSampler(List.of(), 0, 0);
    }

    /** Exemplars per question. */
    public int shots() {
        return shots;
    }

    /**
     * The exemplars for {@code target}, in the order they are shown.
     *
     * @throws IllegalArgumentException when the pool holds fewer than shots questions other than target
     */
    public List<QaExample> exemplars(QaExample target) {
        List<QaExample> picked = new ArrayList<>(shots);
        if (shots == 0) {
            return picked;
        }
        SplittableRandom rng =
                new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * target.id().hashCode()));
        int[] order = IntStream.range(0, pool.size()).toArray();
        // a Fisher-Yates shuffle stopped once enough eligible questions are in front
        for (int i = 0; i < order.length && picked.size() < shots; i++) {
            int j = i + rng.nextInt(order.length - i);
            int chosen = order[j];
            order[j] = order[i];
            order[i] = chosen;
            QaExample candidate = pool.get(chosen);
            if (!candidate.id().equals(target.id())
                    && !candidate.question().strip().equals(target.question().strip())) {
                picked.add(candidate);
            }
        }
        if (picked.size() < shots) {
            throw new IllegalArgumentException("question " + target.id() + ": the few-shot pool has only "
                    + picked.size() + " other questions, " + shots + " are needed");
        }
        return picked;
    }
}
