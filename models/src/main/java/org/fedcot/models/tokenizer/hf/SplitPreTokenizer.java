package org.fedcot.models.tokenizer.hf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HF's Split pre-tokenizer: cuts a piece where a pattern matches, keeping what the behaviour says. */
final class SplitPreTokenizer implements PreTokenizer {
    private final Pattern pattern;
    private final SplitBehavior behavior;
    private final boolean invert;

    /** With {@code invert}, the stretches between matches count as the matches, as in HF. */
    SplitPreTokenizer(Pattern pattern, SplitBehavior behavior, boolean invert) {
        this.pattern = pattern;
        this.behavior = behavior;
        this.invert = invert;
    }

    @Override
    public void split(String text, Consumer<String> out) {
        for (SplitBehavior.Span piece : behavior.pieces(spans(text))) {
            if (piece.end() > piece.start()) {
                out.accept(text.substring(piece.start(), piece.end()));
            }
        }
    }

    /** The matched and unmatched stretches tiling {@code text}, as HF's {@code find_matches}. */
    private List<SplitBehavior.Span> spans(String text) {
        List<SplitBehavior.Span> spans = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        int previous = 0;
        while (m.find()) {
            if (m.start() > previous) {
                spans.add(new SplitBehavior.Span(previous, m.start(), invert));
            }
            spans.add(new SplitBehavior.Span(m.start(), m.end(), !invert));
            previous = m.end();
        }
        if (previous < text.length()) {
            spans.add(new SplitBehavior.Span(previous, text.length(), invert));
        }
        return spans;
    }
}
