package org.fedcot.privacy;

/**
 * The reference implementation's token set: the tokens worth perturbing at token level are
 * word-start tokens whose word is purely alphabetic, 4 to 15 letters long and not all upper case
 * (special tokens are excluded by the caller). Everything else passes through: short words and
 * stopwords, punctuation, digits, and the sub-word pieces that continue a word, which have no
 * meaning of their own to swap.
 */
public final class TokenFilter {
    /** Shortest word accepted, in code points. */
    public static final int MIN_LENGTH = 4;
    /** Longest word accepted, in code points. */
    public static final int MAX_LENGTH = 15;

    private TokenFilter() {}

    /**
     * Whether the vocabulary string {@code token} starts a word: it begins with the space that
     * llama2.c stores, SentencePiece's '▁' or byte-level BPE's 'Ġ' (the byte-level image of ' ').
     */
    public static boolean isWordStart(String token) {
        return !token.isEmpty()
                && (token.charAt(0) == ' ' || token.charAt(0) == '\u2581' || token.charAt(0) == '\u0120');
    }

    /**
     * Whether a word-start token whose decoded word (without its leading space) is {@code word}
     * belongs to the set. The word is checked decoded, not as the vocabulary stores it, because a
     * byte-level vocabulary spells non-ASCII bytes as letters ("ðŁĺĢ" is an emoji).
     */
    public static boolean accepts(String word) {
        int length = word.codePointCount(0, word.length());
        return length >= MIN_LENGTH
                && length <= MAX_LENGTH
                && word.codePoints().allMatch(Character::isLetter)
                && !word.codePoints().allMatch(Character::isUpperCase);
    }
}
