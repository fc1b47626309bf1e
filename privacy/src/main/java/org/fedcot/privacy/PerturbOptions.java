package org.fedcot.privacy;

import java.util.Objects;

/**
 * How a text is perturbed.
 *
 * @param mechanism     which exponential mechanism
 * @param epsilon       privacy parameter per perturbed word (positive, finite)
 * @param numbers       what happens to numbers
 * @param unknown       what happens to words without an embedding (word level)
 * @param keepStopwords let {@link Stopwords} through unchanged (unless listed as sensitive)
 * @param sensitive     a sensitive-word list and its mode ({@link SensitiveWords#NONE} for none)
 * @param cacheBytes    bound on the prepared distributions kept between texts
 */
public record PerturbOptions(
        MechanismKind mechanism,
        double epsilon,
        NumberPolicy numbers,
        UnknownWordPolicy unknown,
        boolean keepStopwords,
        SensitiveWords sensitive,
        long cacheBytes) {
    /** Checks every field. */
    public PerturbOptions {
        Objects.requireNonNull(mechanism, "mechanism");
        Mechanism.checkEpsilon(epsilon);
        Objects.requireNonNull(numbers, "numbers");
        Objects.requireNonNull(unknown, "unknown");
        Objects.requireNonNull(sensitive, "sensitive");
        if (cacheBytes < 1) {
            throw new IllegalArgumentException("the cache budget must be positive, not " + cacheBytes);
        }
    }

    /**
     * {@code mechanism} at {@code epsilon}; numbers, unknown words and stopwords kept, no sensitive list, default
     * cache: the command line's defaults, which release what the mechanism cannot perturb.
     */
    public static PerturbOptions of(MechanismKind mechanism, double epsilon) {
        return new PerturbOptions(
                mechanism,
                epsilon,
                NumberPolicy.KEEP,
                UnknownWordPolicy.KEEP,
                true,
                SensitiveWords.NONE,
                PerturbationEngine.DEFAULT_CACHE_BYTES);
    }

    /** These options at another eps. */
    public PerturbOptions withEpsilon(double eps) {
        return new PerturbOptions(mechanism, eps, numbers, unknown, keepStopwords, sensitive, cacheBytes);
    }

    /** These options with another number policy. */
    public PerturbOptions withNumbers(NumberPolicy policy) {
        return new PerturbOptions(mechanism, epsilon, policy, unknown, keepStopwords, sensitive, cacheBytes);
    }

    /** These options with another policy for words without an embedding. */
    public PerturbOptions withUnknown(UnknownWordPolicy policy) {
        return new PerturbOptions(mechanism, epsilon, numbers, policy, keepStopwords, sensitive, cacheBytes);
    }

    /** These options with stopwords kept or perturbed. */
    public PerturbOptions withKeepStopwords(boolean keep) {
        return new PerturbOptions(mechanism, epsilon, numbers, unknown, keep, sensitive, cacheBytes);
    }

    /** These options with a sensitive-word list. */
    public PerturbOptions withSensitive(SensitiveWords words) {
        return new PerturbOptions(mechanism, epsilon, numbers, unknown, keepStopwords, words, cacheBytes);
    }

    /** These options with another cache budget. */
    public PerturbOptions withCacheBytes(long bytes) {
        return new PerturbOptions(mechanism, epsilon, numbers, unknown, keepStopwords, sensitive, bytes);
    }

    /**
     * Whether a word that has an embedding goes through the mechanism: with an {@code ONLY} list,
     * exactly the listed words; otherwise every word but the stopwords (when kept), and listed words
     * always.
     */
    public boolean perturbs(String lowerCaseWord) {
        if (sensitive.contains(lowerCaseWord)) {
            return true;
        }
        return sensitive.mode() == SensitiveWords.Mode.ALSO && !(keepStopwords && Stopwords.isStopword(lowerCaseWord));
    }
}
