package org.fedcot.privacy;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Token-level perturbation, as the reference implementation does it: the text is encoded with the
 * model's tokenizer, every token of the {@link TokenFilter} set may be replaced by another token of
 * the set, and the ids are decoded back. Numbers are replaced (per the policy) in the text first,
 * since a tokenizer splits them into digit pieces. Stopwords and sensitive words are matched
 * against a token's decoded word, so a word the tokenizer cuts into several pieces is never matched.
 */
public final class TokenPerturber implements TextPerturber {
    private final TokenVocabulary vocabulary;
    private final PerturbationEngine engine;
    private final PerturbOptions options;

    /** A perturber over {@code vocabulary}'s token set. */
    public TokenPerturber(TokenVocabulary vocabulary, PerturbOptions options) {
        this.vocabulary = vocabulary;
        this.options = options;
        this.engine = UnitDraws.engine(vocabulary.table(), options);
    }

    @Override
    public Perturbation perturb(String text, SplittableRandom rng) {
        NumberPolicy.Replaced numbers = options.numbers().replaceAll(text, rng);
        int[] ids = vocabulary.tokenizer().encode(numbers.text(), false);
        UnitDraws.Drawn drawn = UnitDraws.draw(engine, options, keys(ids), rows(ids), rng);
        int[] out = ids.clone();
        for (int i = 0; i < ids.length; i++) {
            if (drawn.outputs()[i] >= 0) {
                out[i] = vocabulary.id(drawn.outputs()[i]);
            }
        }
        // a word outside the token set is split into pieces the tokenizer owns: counted, never replaced here
        return new Perturbation(vocabulary.tokenizer().decode(out), drawn.counts(ids.length, numbers.replaced(), 0));
    }

    @Override
    public List<Perturbation> perturbAll(List<String> texts, SplittableRandom rng) {
        return Batches.perturbAll(this, this::inputs, texts, rng);
    }

    @Override
    public List<Explanation> explain(String text, SplittableRandom rng, int top) {
        int[] ids = vocabulary.tokenizer().encode(text, false);
        String[] texts = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            texts[i] = vocabulary.word(ids[i]);
        }
        return UnitDraws.explain(
                engine, options, keys(ids), rows(ids), texts, row -> vocabulary.word(vocabulary.id(row)), rng, top);
    }

    @Override
    public TextPerturber withOptions(PerturbOptions options) {
        return new TokenPerturber(vocabulary, options);
    }

    @Override
    public PerturbOptions options() {
        return options;
    }

    @Override
    public PerturbationEngine engine() {
        return engine;
    }

    @Override
    public Level level() {
        return Level.TOKEN;
    }

    /** The vocabulary it perturbs over. */
    public TokenVocabulary vocabulary() {
        return vocabulary;
    }

    /** The rows of {@code text}'s tokens that go through the mechanism (-1 for the others). */
    private int[] inputs(String text) {
        int[] ids = vocabulary.tokenizer().encode(text, false);
        return UnitDraws.selected(options, keys(ids), rows(ids));
    }

    /** Per token, its decoded word lower-cased ("" for a token that does not start a word). */
    private String[] keys(int[] ids) {
        String[] keys = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            String word = vocabulary.word(ids[i]);
            keys[i] = word == null ? "" : word.toLowerCase(Locale.ROOT);
        }
        return keys;
    }

    private int[] rows(int[] ids) {
        int[] rows = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            rows[i] = vocabulary.row(ids[i]);
        }
        return rows;
    }
}
