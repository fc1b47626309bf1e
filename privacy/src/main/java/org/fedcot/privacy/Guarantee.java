package org.fedcot.privacy;

/** What a mechanism's eps actually guarantees for one perturbed word; see privacy/README.md. */
public enum Guarantee {
    /** eps-DP per word: for any two input words x, x' and any output r, Pr[r | x] <= e^eps Pr[r | x']. */
    EPSILON_DP("eps-DP per word over the whole vocabulary"),
    /**
     * Metric DP: Pr[r | x] <= e^(eps d(x, x')) Pr[r | x'], d the Euclidean distance between the raw vectors; eps is
     * spent per unit of distance, and words far apart get no useful bound.
     */
    METRIC_DP("eps * d-metric DP per word: Pr[r|x] <= e^(eps d(x,x')) Pr[r|x'], d the Euclidean distance of the"
            + " raw vectors (eps per unit of distance)"),
    /**
     * The ratio bound holds only for outputs both inputs can produce (their top-k sets overlap in r);
     * an output in one input's set and not the other's is possible for one and impossible for the other.
     */
    NEIGHBOURHOOD_RATIO("Pr[r|x] <= e^eps Pr[r|x'] only for outputs r in both words' top-k sets; "
            + "not DP across neighbourhoods"),
    /**
     * No eps-DP bound is proven: the candidate set depends on the input, and delta_u = 1 understates
     * the cosine's range of 2 (the exponential step alone can reach e^(2 eps)).
     */
    NONE_PROVEN("no proven DP bound: the candidate set depends on the input and delta_u = 1 understates "
            + "the cosine's range of 2");

    private final String description;

    Guarantee(String description) {
        this.description = description;
    }

    /** One line for reports. */
    public String description() {
        return description;
    }
}
