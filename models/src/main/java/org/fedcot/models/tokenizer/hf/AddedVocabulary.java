package org.fedcot.models.tokenizer.hf;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Cuts added tokens out of a text the way HF's {@code AddedVocabulary::extract_and_normalize}
 * does: first the non-normalized tokens in the raw text, then the text between them is normalized
 * and the normalized tokens are cut out of that. What is left goes on to pre-tokenization.
 */
final class AddedVocabulary {
    /** Receives a text's parts in order. */
    interface Sink {
        void token(int id);

        /** A normalized stretch of text holding no added token. */
        void text(String normalized);
    }

    private final TextNormalizer normalizer;
    private final TokenTrie rawTokens;
    private final TokenTrie normalizedTokens;

    AddedVocabulary(List<AddedToken> tokens, TextNormalizer normalizer) {
        this.normalizer = normalizer;
        this.rawTokens =
                new TokenTrie(tokens.stream().filter(t -> !t.normalized()).toList(), AddedToken::content);
        // Normalized tokens are looked for in normalized text, so their own content is normalized too.
        this.normalizedTokens = new TokenTrie(
                tokens.stream().filter(AddedToken::normalized).toList(), t -> normalizer.normalize(t.content()));
    }

    void split(String text, Sink sink) {
        cut(
                rawTokens,
                text,
                sink::token,
                raw -> cut(normalizedTokens, normalizer.normalize(raw), sink::token, sink::text));
    }

    private static void cut(TokenTrie trie, String text, IntConsumer onToken, Consumer<String> onText) {
        int done = 0;
        int from = 0;
        for (TokenTrie.Match m = trie.find(text, from); m != null; m = trie.find(text, from)) {
            AddedToken token = m.token();
            from = m.end();
            if (token.singleWord() && !standsAlone(text, m.start(), m.end())) {
                continue;
            }
            int start = token.lstrip() ? Math.max(done, whitespaceBefore(text, m.start())) : m.start();
            int end = token.rstrip() ? whitespaceAfter(text, m.end()) : m.end();
            if (start > done) {
                onText.accept(text.substring(done, start));
            }
            onToken.accept(token.id());
            done = end;
            from = end;
        }
        if (done < text.length()) {
            onText.accept(text.substring(done));
        }
    }

    private static boolean standsAlone(String text, int start, int end) {
        boolean wordBefore = start > 0 && isWordChar(text.codePointBefore(start));
        boolean wordAfter = end < text.length() && isWordChar(text.codePointAt(end));
        return !wordBefore && !wordAfter;
    }

    private static int whitespaceBefore(String text, int start) {
        while (start > 0 && isWhiteSpace(text.codePointBefore(start))) {
            start -= Character.charCount(text.codePointBefore(start));
        }
        return start;
    }

    private static int whitespaceAfter(String text, int end) {
        while (end < text.length() && isWhiteSpace(text.codePointAt(end))) {
            end += Character.charCount(text.codePointAt(end));
        }
        return end;
    }

    /** Unicode's White_Space property: what Rust's regex {@code \s} matches, as HF's strip uses. */
    private static boolean isWhiteSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D)
                || cp == 0x20
                || cp == 0x85
                || cp == 0xA0
                || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A)
                || cp == 0x2028
                || cp == 0x2029
                || cp == 0x202F
                || cp == 0x205F
                || cp == 0x3000;
    }

    /** Rust regex's Unicode {@code \w}: alphabetic, marks, decimal digits, connectors, joiners. */
    private static boolean isWordChar(int cp) {
        int type = Character.getType(cp);
        return Character.isAlphabetic(cp)
                || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.CONNECTOR_PUNCTUATION
                || cp == 0x200C
                || cp == 0x200D;
    }
}
