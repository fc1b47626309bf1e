package org.fedcot.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Scores the inversion attacks on released texts against their originals, at word level: both texts are cut by
 * {@link WordSegmenter}, and since the word perturber replaces each word or number by one word or number in
 * place, the i-th unit of a release stands for the i-th unit of its original.
 */
public final class AttackEvaluation {
    private final EmbeddingTable table;
    private final PerturbOptions options;
    private final InversionAttack attack;

    /** An evaluation of releases made with {@code options} over {@code table}, the attacker holding {@code prior}. */
    public AttackEvaluation(EmbeddingTable table, PerturbOptions options, AttackPrior prior) {
        this.table = table;
        this.options = options;
        this.attack = new InversionAttack(table, options, prior);
    }

    /**
     * The attacks' recovery of {@code originals} from {@code releases} (the same length, in the same order);
     * RanText's likelihoods are estimated with {@code rng}.
     *
     * @throws IllegalArgumentException when the lists differ in length
     */
    public AttackScore score(List<String> originals, List<String> releases, SplittableRandom rng) {
        if (originals.size() != releases.size()) {
            throw new IllegalArgumentException(originals.size() + " originals for " + releases.size() + " releases");
        }
        List<List<Unit>> pairs = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        long unaligned = 0;
        for (int i = 0; i < originals.size(); i++) {
            List<TextUnit> o = TextUnit.of(originals.get(i));
            List<TextUnit> r = TextUnit.of(releases.get(i));
            if (o.size() != r.size()) {
                unaligned++;
                continue;
            }
            List<Unit> paired = new ArrayList<>();
            for (int u = 0; u < o.size(); u++) {
                paired.add(new Unit(o.get(u), r.get(u).key()));
                int row = r.get(u).number() ? -1 : table.row(r.get(u).key());
                if (row >= 0) {
                    rows.add(row);
                }
            }
            pairs.add(paired);
        }
        Map<Integer, InversionAttack.Guesses> guesses =
                attack.guess(rows.stream().mapToInt(Integer::intValue).toArray(), rng);
        RecoveryTally t = new RecoveryTally();
        for (List<Unit> text : pairs) {
            for (Unit u : text) {
                add(t, u, guesses.get(u.number() ? -1 : table.row(u.released)));
            }
        }
        return t.score(pairs.size(), unaligned);
    }

    /** A unit of the original and the key of the unit released in its place. */
    private record Unit(TextUnit original, String released) {
        String key() {
            return original.key();
        }

        boolean number() {
            return original.number();
        }
    }

    /** Counts {@code u}; {@code g} is null for a release outside the vocabulary, which is guessed as itself. */
    private void add(RecoveryTally t, Unit u, InversionAttack.Guesses g) {
        boolean isEligible = u.original.eligible(options);
        boolean nearest1 = g == null ? u.key().equals(u.released) : is(g.nearest(), 0, u.key());
        boolean nearest5 = g == null ? nearest1 : contains(g.nearest(), u.key());
        boolean bayes1 = g == null ? nearest1 : is(g.bayesian(), 0, u.key());
        boolean bayes5 = g == null ? nearest1 : contains(g.bayesian(), u.key());
        t.add(nearest1, nearest5, bayes1, bayes5, isEligible, passedThrough(u, isEligible));
    }

    private boolean passedThrough(Unit u, boolean isEligible) {
        if (u.number()) {
            return options.numbers() == NumberPolicy.KEEP;
        }
        if (!isEligible) {
            return true;
        }
        return table.row(u.key()) < 0 && options.unknown() == UnknownWordPolicy.KEEP;
    }

    private boolean is(int[] rows, int at, String key) {
        return rows.length > at && table.word(rows[at]).equals(key);
    }

    private boolean contains(int[] rows, String key) {
        for (int r : rows) {
            if (table.word(r).equals(key)) {
                return true;
            }
        }
        return false;
    }
}
