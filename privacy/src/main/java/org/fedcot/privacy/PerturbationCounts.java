package org.fedcot.privacy;

/**
 * What happened to the words (or tokens) of perturbed text.
 *
 * @param units                words (word level) or tokens (token level) in the text
 * @param perturbed            units drawn through the mechanism; each spends eps
 * @param changed              perturbed units that came out different
 * @param numbersReplaced      numbers replaced by the {@link NumberPolicy}
 * @param sensitiveUnprotected listed sensitive words with no embedding, which passed through unchanged
 * @param unknown              words the options would perturb but the embeddings do not hold
 * @param unknownReplaced      of those, the ones replaced by the {@link UnknownWordPolicy} (the rest went out as
 *                             they were)
 */
public record PerturbationCounts(
        long units,
        long perturbed,
        long changed,
        long numbersReplaced,
        long sensitiveUnprotected,
        long unknown,
        long unknownReplaced) {
    /** Nothing yet. */
    public static final PerturbationCounts ZERO = new PerturbationCounts(0, 0, 0, 0, 0, 0, 0);

    /** The sum of these counts and {@code other}'s (for several texts, or several samples of one). */
    public PerturbationCounts plus(PerturbationCounts other) {
        return new PerturbationCounts(
                units + other.units,
                perturbed + other.perturbed,
                changed + other.changed,
                numbersReplaced + other.numbersReplaced,
                sensitiveUnprotected + other.sensitiveUnprotected,
                unknown + other.unknown,
                unknownReplaced + other.unknownReplaced);
    }
}
