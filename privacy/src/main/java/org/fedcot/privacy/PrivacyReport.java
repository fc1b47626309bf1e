package org.fedcot.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * What a perturbation run spent and guarantees, for a file of texts or one text released several
 * times. Under sequential composition the releases together cost the sum of the per-word eps: n
 * perturbed words at eps each give n * eps ({@link #totalEpsilon}). That sum is a DP bound only
 * where the mechanism's per-word eps is one ({@link Guarantee}); words that passed through
 * (stopwords, words without an embedding, unlisted words) are released as they are, and the
 * guarantee says nothing about them.
 *
 * @param mechanism            rantext, santext, santext-euclidean or custext
 * @param level                word or token
 * @param epsilonPerUnit       eps spent per perturbed word (token)
 * @param texts                texts released (a text perturbed N times counts N)
 * @param units                words (tokens) in them
 * @param perturbed            units drawn through the mechanism
 * @param changed              perturbed units that came out different
 * @param passedThrough        units released unchanged, neither drawn through the mechanism nor replaced
 * @param numbersReplaced      numbers replaced under {@code numberPolicy}
 * @param numberPolicy         keep, custext or inferdpt
 * @param sensitiveUnprotected listed sensitive words without an embedding, released unchanged
 * @param unknown              words to be perturbed that have no embedding
 * @param unknownReplaced      of those, replaced under {@code unknownPolicy} (the rest released unchanged)
 * @param unknownPolicy        keep, placeholder or random
 * @param keepStopwords        whether stopwords were released unchanged
 * @param totalEpsilon         perturbed * epsilonPerUnit, the sequential composition of all draws
 * @param guarantee            what epsilonPerUnit guarantees ({@link Guarantee} name)
 * @param guaranteeText        the same in words
 * @param seed                 the random seed, for reproducing the run
 */
public record PrivacyReport(
        String mechanism,
        String level,
        double epsilonPerUnit,
        long texts,
        long units,
        long perturbed,
        long changed,
        long passedThrough,
        long numbersReplaced,
        String numberPolicy,
        long sensitiveUnprotected,
        long unknown,
        long unknownReplaced,
        String unknownPolicy,
        boolean keepStopwords,
        double totalEpsilon,
        String guarantee,
        String guaranteeText,
        long seed) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The report of {@code texts} texts perturbed by {@code perturber} with {@code seed}, with these counts. */
    public static PrivacyReport of(TextPerturber perturber, PerturbationCounts counts, long texts, long seed) {
        PerturbOptions o = perturber.options();
        Guarantee g = o.mechanism().guarantee();
        return new PrivacyReport(
                o.mechanism().label(),
                perturber.level().label(),
                o.epsilon(),
                texts,
                counts.units(),
                counts.perturbed(),
                counts.changed(),
                counts.units() - counts.perturbed() - counts.unknownReplaced(),
                counts.numbersReplaced(),
                o.numbers().name().toLowerCase(Locale.ROOT),
                counts.sensitiveUnprotected(),
                counts.unknown(),
                counts.unknownReplaced(),
                o.unknown().name().toLowerCase(Locale.ROOT),
                o.keepStopwords(),
                counts.perturbed() * o.epsilon(),
                g.name(),
                g.description(),
                seed);
    }

    /** The report as pretty-printed JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report of plain fields always serialises", e);
        }
    }

    /** The report in one line for people. */
    public String summary() {
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "privacy: %s, eps %s per %s; %d of %d %ss perturbed (%d changed) in %d text%s; ",
                mechanism,
                number(epsilonPerUnit),
                level,
                perturbed,
                units,
                level,
                changed,
                texts,
                texts == 1 ? "" : "s"));
        s.append(
                switch (Guarantee.valueOf(guarantee)) {
                    case EPSILON_DP ->
                        String.format(
                                Locale.ROOT,
                                "%s-DP in total under sequential composition (%s)",
                                number(totalEpsilon),
                                guaranteeText);
                    case METRIC_DP ->
                        String.format(
                                Locale.ROOT,
                                "%s-metric DP in total, per unit of distance, under sequential composition (%s)",
                                number(totalEpsilon),
                                guaranteeText);
                    case NEIGHBOURHOOD_RATIO ->
                        String.format(
                                Locale.ROOT,
                                "eps summed over draws %s, a ratio bound only where the per-word one holds (%s)",
                                number(totalEpsilon),
                                guaranteeText);
                    case NONE_PROVEN ->
                        String.format(
                                Locale.ROOT,
                                "eps summed over draws %s, not a DP bound (%s)",
                                number(totalEpsilon),
                                guaranteeText);
                });
        s.append(String.format(Locale.ROOT, "; %d %ss passed through unchanged", passedThrough, level));
        if (numbersReplaced > 0) {
            s.append(String.format(Locale.ROOT, "; %d numbers replaced (%s)", numbersReplaced, numberPolicy));
        }
        if (unknown > 0) {
            s.append(String.format(
                    Locale.ROOT,
                    "; %d words without an embedding, %d of them replaced (%s)",
                    unknown,
                    unknownReplaced,
                    unknownPolicy));
        }
        if (sensitiveUnprotected > 0) {
            s.append(String.format(
                    Locale.ROOT,
                    "; WARNING: %d sensitive words have no embedding and were released" + " unchanged",
                    sensitiveUnprotected));
        }
        return s.toString();
    }

    /** Six significant digits, no trailing zeros, no exponent: 3, 0.5, 1000000. */
    private static String number(double x) {
        return new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
