package org.fedcot.privacy;

import java.util.Arrays;
import java.util.List;

/**
 * What an attacker believes about a private word before seeing its release: a probability per row of the
 * mechanism's vocabulary, from public text.
 *
 * <p>The counted priors add one to every row's count (Laplace's rule of succession: the posterior mean of the
 * frequencies under a uniform prior over them), so that a row the public text never shows stays possible. The
 * smoothing is that rule, not a weight fitted to any attack's results.
 */
public final class AttackPrior {
    private final double[] probabilities;
    private final String description;

    private AttackPrior(double[] probabilities, String description) {
        this.probabilities = probabilities;
        this.description = description;
    }

    /** A prior of the given probabilities (normalised here; every value non-negative, the sum positive). */
    public static AttackPrior of(double[] weights) {
        return of(weights, "given weights");
    }

    private static AttackPrior of(double[] weights, String description) {
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("a prior weight must be a non-negative number, not " + w);
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("a prior needs a positive weight somewhere");
        }
        double total = sum;
        return new AttackPrior(Arrays.stream(weights).map(w -> w / total).toArray(), description);
    }

    /**
     * Zipf's law over the table's order, p(row) ∝ 1 / (row + 1): the prior of a vocabulary listed most frequent
     * first, as GloVe's files are (counted over Wikipedia and Gigaword, public text).
     */
    public static AttackPrior zipf(EmbeddingTable table) {
        double[] w = new double[table.size()];
        for (int r = 0; r < w.length; r++) {
            w[r] = 1.0 / (r + 1);
        }
        return of(w, "Zipf's law over the vocabulary's order");
    }

    /** Word frequencies counted over {@code texts} (public text), plus one for every row. */
    public static AttackPrior counted(EmbeddingTable table, List<String> texts) {
        double[] w = new double[table.size()];
        Arrays.fill(w, 1);
        for (String text : texts) {
            for (Segment s : WordSegmenter.segments(text)) {
                int row = s.kind() == Segment.Kind.WORD ? table.row(WordPerturber.key(s.text(text))) : -1;
                if (row >= 0) {
                    w[row]++;
                }
            }
        }
        return of(w, countedDescription("word", texts));
    }

    /**
     * Frequencies of the token set's tokens in {@code texts} (public text) encoded with the vocabulary's tokenizer,
     * as the token-level perturber encodes a prompt, plus one for every row.
     */
    public static AttackPrior counted(TokenVocabulary vocabulary, List<String> texts) {
        double[] w = new double[vocabulary.table().size()];
        Arrays.fill(w, 1);
        for (String text : texts) {
            for (int id : vocabulary.tokenizer().encode(text, false)) {
                int row = vocabulary.row(id);
                if (row >= 0) {
                    w[row]++;
                }
            }
        }
        return of(w, countedDescription("token", texts));
    }

    private static String countedDescription(String unit, List<String> texts) {
        return unit + " frequencies counted over " + texts.size() + " public prompt" + (texts.size() == 1 ? "" : "s")
                + ", plus one for every " + unit;
    }

    /** The prior probability of {@code row}. */
    public double probability(int row) {
        return probabilities[row];
    }

    /** Rows it covers (the table's size). */
    public int size() {
        return probabilities.length;
    }

    /** Where the prior comes from, in words, for the attack's report. */
    public String description() {
        return description;
    }
}
