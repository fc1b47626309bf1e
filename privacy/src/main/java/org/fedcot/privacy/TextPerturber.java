package org.fedcot.privacy;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Perturbs texts: words (or tokens) replaced by draws of the options' mechanism, numbers by the
 * number policy, everything else left exactly as it was. Made by {@link Perturbers#open}; safe to
 * share between threads. Each call takes the random source, so a seed fixes the output.
 */
public interface TextPerturber {
    /** What a unit of text is: a word (GloVe vectors) or a token (a model's input embeddings). */
    enum Level {
        /** Words found by {@link WordSegmenter}, looked up lower-case. */
        WORD,
        /** Token ids of the model's tokenizer, in the reference's token set. */
        TOKEN;

        /** "word" or "token". */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One perturbed version of {@code text}. */
    Perturbation perturb(String text, SplittableRandom rng);

    /**
     * One perturbed version of each text, the same as {@link #perturb} on each in turn with
     * {@code rng}, but with the words of neighbouring texts prepared together: on a cold cache
     * (a file, a dataset) several times faster than one call per text.
     */
    List<Perturbation> perturbAll(List<String> texts, SplittableRandom rng);

    /**
     * For every word of {@code text} that would be perturbed, its {@code top} most likely outputs
     * (RanText's estimated, see {@link OutputDistribution#probabilities}).
     */
    List<Explanation> explain(String text, SplittableRandom rng, int top);

    /** A perturber over the same embeddings with other options (and a cache of its own). */
    TextPerturber withOptions(PerturbOptions options);

    /** The options it perturbs with. */
    PerturbOptions options();

    /** The mechanism and vocabulary it draws from. */
    PerturbationEngine engine();

    /** Word or token level. */
    Level level();
}
