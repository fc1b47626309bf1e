package org.fedcot.llm.prompt;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the answer a chain-of-thought rationale states, in the phrasings the paper's teachers use:
 * "So the answer is (c) train station.", "Thus, the answer is (a) sand", "Therefore, the answer is 'yes'",
 * "the correct answer is true". The last statement wins, after the runaway continuation a few-shot
 * teacher writes ("\n\nQ: ...") has been cut.
 */
public final class AnswerParser {

    /** Where a few-shot teacher starts inventing the next exemplar. */
    private static final String RUNAWAY = "\n\nQ:";

    private static final Pattern STATEMENT = Pattern.compile("(?i)\\bthe (?:correct |final )?answer is\\s*:?\\s*"
            + "(?:\\(([a-z])\\)[ \\t]*([^\\n]*?)|([^\\n]*?))"
            + "(?=[.!?](?:\\s|$)|\\n|$)");

    private static final Pattern LETTER_ONLY = Pattern.compile("^\\(?([a-eA-E])\\)?$");

    private static final Pattern QUOTED = Pattern.compile("^[\"'‘“](.*?)[\"'’”]");

    private AnswerParser() {}

    /** The text before the first runaway "\n\nQ:" continuation, or the whole text when there is none. */
    public static String cutRunaway(String rationale) {
        int cut = rationale.indexOf(RUNAWAY);
        return cut < 0 ? rationale : rationale.substring(0, cut);
    }

    /** The last answer statement of {@code rationale} (runaway text cut first), if it makes one. */
    public static Optional<StatedAnswer> parse(String rationale) {
        Matcher m = STATEMENT.matcher(cutRunaway(rationale));
        StatedAnswer last = null;
        while (m.find()) {
            if (m.group(1) != null) {
                last = new StatedAnswer(m.group(1).toLowerCase(Locale.ROOT), clean(m.group(2)));
            } else {
                String text = clean(m.group(3));
                Matcher letterOnly = LETTER_ONLY.matcher(text);
                last = letterOnly.matches()
                        ? new StatedAnswer(letterOnly.group(1).toLowerCase(Locale.ROOT), "")
                        : new StatedAnswer(null, text);
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * Exact-match normalisation as Distilling step-by-step compares answers: Unicode NFKC, lower case,
     * punctuation removed, runs of white space collapsed.
     */
    public static String normalize(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = s.replaceAll("[\\p{Punct}\\p{IsPunctuation}]", " ");
        return s.trim().replaceAll("\\s+", " ");
    }

    /** Strips quotes, then trailing punctuation, from a stated answer (which ends at its sentence's end). */
    private static String clean(String raw) {
        String s = raw.strip();
        Matcher q = QUOTED.matcher(s);
        if (q.find()) {
            return q.group(1).strip();
        }
        while (!s.isEmpty() && ".!,;".indexOf(s.charAt(s.length() - 1)) >= 0)
            s = s.substring(0, s.length() - 1).strip();
        return s;
    }
}
