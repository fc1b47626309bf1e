package org.fedcot.privacy;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Word-level perturbation over word vectors (GloVe): the text is cut into {@link Segment}s, each
 * word looked up lower-case (’ read as ') and, if drawn, replaced in place in the original word's
 * case pattern ({@link CaseShape}); spaces, punctuation and line breaks stay exactly as they were.
 */
public final class WordPerturber implements TextPerturber {
    private final PerturbationEngine engine;
    private final PerturbOptions options;

    /** A perturber over {@code table} (lower-case words, as {@link GloveFile} reads them). */
    public WordPerturber(EmbeddingTable table, PerturbOptions options) {
        this.options = options;
        this.engine = UnitDraws.engine(table, options);
    }

    @Override
    public Perturbation perturb(String text, SplittableRandom rng) {
        NumberPolicy.Replaced numbers = options.numbers().replaceAll(text, rng);
        String source = numbers.text();
        List<Segment> words = words(source);
        String[] keys = keys(source, words);
        UnitDraws.Drawn drawn = UnitDraws.draw(engine, options, keys, rows(keys), rng);
        StringBuilder out = new StringBuilder(source.length());
        int at = 0;
        long unknownReplaced = 0;
        for (int i = 0; i < words.size(); i++) {
            Segment w = words.get(i);
            int o = drawn.outputs()[i];
            String replacement = o >= 0 && !engine.table().word(o).equals(keys[i])
                    ? engine.table().word(o)
                    : null;
            if (drawn.unknown()[i]) {
                replacement = options.unknown().replacement(engine.table(), rng);
                unknownReplaced += replacement == null ? 0 : 1;
            }
            out.append(source, at, w.start())
                    .append(replacement != null ? CaseShape.apply(w.text(source), replacement) : w.text(source));
            at = w.end();
        }
        out.append(source, at, source.length());
        return new Perturbation(out.toString(), drawn.counts(words.size(), numbers.replaced(), unknownReplaced));
    }

    @Override
    public List<Perturbation> perturbAll(List<String> texts, SplittableRandom rng) {
        return Batches.perturbAll(this, this::inputs, texts, rng);
    }

    @Override
    public List<Explanation> explain(String text, SplittableRandom rng, int top) {
        List<Segment> words = words(text);
        String[] keys = keys(text, words);
        String[] texts = words.stream().map(w -> w.text(text)).toArray(String[]::new);
        return UnitDraws.explain(engine, options, keys, rows(keys), texts, engine.table()::word, rng, top);
    }

    @Override
    public TextPerturber withOptions(PerturbOptions options) {
        return new WordPerturber(engine.table(), options);
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
        return Level.WORD;
    }

    /** The rows of {@code text}'s words that go through the mechanism (-1 for the others). */
    private int[] inputs(String text) {
        String[] keys = keys(text, words(text));
        return UnitDraws.selected(options, keys, rows(keys));
    }

    private static List<Segment> words(String text) {
        return WordSegmenter.segments(text).stream()
                .filter(s -> s.kind() == Segment.Kind.WORD)
                .toList();
    }

    private static String[] keys(String text, List<Segment> words) {
        return words.stream().map(w -> key(w.text(text))).toArray(String[]::new);
    }

    /** How a word is looked up: lower-case, ’ read as '. */
    static String key(String word) {
        return word.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    }

    private int[] rows(String[] keys) {
        int[] rows = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            rows[i] = engine.table().row(keys[i]);
        }
        return rows;
    }
}
