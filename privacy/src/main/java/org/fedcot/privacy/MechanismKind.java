package org.fedcot.privacy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The mechanisms, by the names the command line and the reports use. */
public enum MechanismKind {
    /** The reference (InferDPT RANTEXT): Laplace-noised cosine threshold, then the exponential mechanism. */
    RANTEXT(Guarantee.NONE_PROVEN),
    /** SanText in FedCoT's cosine form: the exponential mechanism over the whole vocabulary, u = cos, delta_u 2. */
    SANTEXT(Guarantee.EPSILON_DP),
    /** SanText as published: Pr[r | x] ∝ exp(-eps * d_euc(x, r) / 2) over the whole vocabulary. */
    SANTEXT_EUCLIDEAN(Guarantee.METRIC_DP),
    /** CusText: the exponential mechanism over the k = 20 nearest neighbours, utility min-max normalised. */
    CUSTEXT(Guarantee.NEIGHBOURHOOD_RATIO);

    private final Guarantee guarantee;

    MechanismKind(Guarantee guarantee) {
        this.guarantee = guarantee;
    }

    /** The lower-case name: rantext, santext, santext-euclidean, custext. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What the mechanism's eps guarantees. */
    public Guarantee guarantee() {
        return guarantee;
    }

    /** This mechanism with privacy parameter {@code epsilon} over {@code table}, with its default settings. */
    public Mechanism create(double epsilon, EmbeddingTable table) {
        return switch (this) {
            case RANTEXT -> new RanText(epsilon, table);
            case SANTEXT -> new SanText(epsilon);
            case SANTEXT_EUCLIDEAN -> new SanTextEuclidean(epsilon, table);
            case CUSTEXT -> new CusText(epsilon);
        };
    }

    /**
     * The mechanism named {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the choices when there is none of that name
     */
    public static MechanismKind parse(String name) {
        return Arrays.stream(values())
                .filter(k -> k.label().equalsIgnoreCase(name.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mechanism '" + name + "'; choose "
                        + Arrays.stream(values()).map(MechanismKind::label).collect(Collectors.joining(", "))));
    }
}
