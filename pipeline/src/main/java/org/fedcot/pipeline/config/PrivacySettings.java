package org.fedcot.pipeline.config;

import java.util.List;
import java.util.Locale;
import org.fedcot.privacy.MechanismKind;
import org.fedcot.privacy.NumberPolicy;
import org.fedcot.privacy.PerturbOptions;
import org.fedcot.privacy.PerturbationEngine;
import org.fedcot.privacy.SensitiveWords;
import org.fedcot.privacy.UnknownWordPolicy;

/**
 * The exponential-mechanism prompt encoder, and what the run checks and measures of its privacy.
 *
 * @param embeddings      GloVe word vectors (word level) or a model whose input embeddings are used (token level)
 * @param tokenizer       that model's tokenizer when not in or beside it; null otherwise
 * @param mechanism       rantext (the reference), santext, santext-euclidean or custext
 * @param epsilon         eps of FedCoT-E's encoder (paper: 3)
 * @param encoderEpsilon  eps of the perturbed prompts FedCoT-A's encoder learns to write (default: {@code epsilon},
 *                        the eps FedCoT-E is compared at; the reference's script uses 1)
 * @param keepStopwords   let stopwords through unchanged (default false: perturbed too, as the reference does)
 * @param numbers         numbers: inferdpt (default: a random 1..1000, nothing of the number sent), custext or keep
 * @param unknownWords    words without an embedding: random (default: a vocabulary word drawn independently of
 *                        them), placeholder or keep
 * @param maxKeptShare    the gate refuses a prompt that keeps more than this share of its private question's
 *                        eligible words (default 0.9)
 * @param budgetPerPrompt the most eps per word a prompt may spend over all its releases under basic composition;
 *                        null for no limit
 * @param attacks         attacks the run makes on what the server received: nearest and bayes (the inversions,
 *                        made together), lm (the server's LLM restores the prompts); default none
 */
public record PrivacySettings(
        String embeddings,
        String tokenizer,
        String mechanism,
        Double epsilon,
        Double encoderEpsilon,
        Boolean keepStopwords,
        String numbers,
        String unknownWords,
        Double maxKeptShare,
        Double budgetPerPrompt,
        List<String> attacks) {
    /** The attacks {@link #attacks} may name. */
    public static final List<String> ATTACKS = List.of("nearest", "bayes", "lm");

    /** Fills unset values with the reference's defaults, and the policies with the ones that send nothing private. */
    public PrivacySettings {
        mechanism = mechanism == null ? "rantext" : mechanism;
        epsilon = epsilon == null ? 3.0 : epsilon;
        encoderEpsilon = encoderEpsilon == null ? epsilon : encoderEpsilon;
        keepStopwords = keepStopwords != null && keepStopwords;
        numbers = numbers == null ? "inferdpt" : numbers;
        unknownWords = unknownWords == null ? "random" : unknownWords;
        maxKeptShare = maxKeptShare == null ? 0.9 : maxKeptShare;
        attacks = attacks == null ? List.of() : List.copyOf(attacks);
    }

    /** Every setting at its default. */
    public static PrivacySettings defaults() {
        return new PrivacySettings(null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The perturbation options at {@code eps}: the one place a run builds them.
     *
     * @throws IllegalArgumentException naming the choices when a name is unknown
     */
    public PerturbOptions options(double eps) {
        return new PerturbOptions(
                MechanismKind.parse(mechanism),
                eps,
                choice(NumberPolicy.class, numbers, "numbers"),
                choice(UnknownWordPolicy.class, unknownWords, "unknownWords"),
                keepStopwords,
                SensitiveWords.NONE,
                PerturbationEngine.DEFAULT_CACHE_BYTES);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String name, String field) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(name.strip())) {
                return e;
            }
        }
        List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList();
        throw new IllegalArgumentException(
                "unknown " + field + " policy '" + name + "'; choose " + String.join(", ", names));
    }
}
