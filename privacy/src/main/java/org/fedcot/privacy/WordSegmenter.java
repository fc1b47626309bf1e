package org.fedcot.privacy;

import java.util.ArrayList;
import java.util.List;
import opennlp.tools.tokenize.SimpleTokenizer;
import opennlp.tools.util.Span;

/**
 * Word tokenisation with character spans, so a perturbed word is written back in place and every
 * space, line break and punctuation mark around it survives. OpenNLP's {@link SimpleTokenizer}
 * (rule-based: it needs no model) splits the text where the character class changes; the pieces
 * it separates that belong together are joined again:
 * <ul>
 *   <li>letters and digits with nothing between them ("B12", "covid19"): one {@code OTHER} piece;</li>
 *   <li>letters, an apostrophe, letters ("don't", "o'clock"): one {@code WORD};</li>
 *   <li>digits, one '.' or ',', digits ("3.14", "1,000"): one {@code NUMBER}.</li>
 * </ul>
 * Whitespace is in no segment.
 */
public final class WordSegmenter {
    private WordSegmenter() {}

    /** The segments of {@code text}, in order. */
    public static List<Segment> segments(String text) {
        Span[] spans = SimpleTokenizer.INSTANCE.tokenizePos(text);
        List<Segment> out = new ArrayList<>(spans.length);
        int i = 0;
        while (i < spans.length) {
            int start = spans[i].getStart();
            int end = spans[i].getEnd();
            int j = i + 1;
            while (j < spans.length && spans[j].getStart() == end) {
                if (isAlnum(text, spans[j]) && isAlnum(text, spans[j - 1])) {
                    end = spans[j++].getEnd();
                } else if (j + 1 < spans.length && joins(text, spans[j - 1], spans[j], spans[j + 1])) {
                    end = spans[j + 1].getEnd();
                    j += 2;
                } else {
                    break;
                }
            }
            out.add(new Segment(start, end, kind(text, start, end)));
            i = j;
        }
        return out;
    }

    /** Whether {@code mid} is one apostrophe between letters, or one '.' or ',' between digits, all adjacent. */
    private static boolean joins(String text, Span left, Span mid, Span right) {
        if (mid.length() != 1 || right.getStart() != mid.getEnd()) {
            return false;
        }
        char c = text.charAt(mid.getStart());
        char before = text.charAt(left.getEnd() - 1);
        char after = text.charAt(right.getStart());
        boolean apostrophe = (c == '\'' || c == '\u2019') && Character.isLetter(before) && Character.isLetter(after);
        boolean separator = (c == '.' || c == ',') && Character.isDigit(before) && Character.isDigit(after);
        return apostrophe || separator;
    }

    private static boolean isAlnum(String text, Span span) {
        return Character.isLetterOrDigit(text.charAt(span.getStart()));
    }

    private static Segment.Kind kind(String text, int start, int end) {
        boolean letters = false;
        boolean digits = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            letters |= Character.isLetter(c);
            digits |= Character.isDigit(c);
        }
        if (letters == digits) {
            return Segment.Kind.OTHER; // both (an identifier) or neither (punctuation)
        }
        return letters ? Segment.Kind.WORD : Segment.Kind.NUMBER;
    }
}
