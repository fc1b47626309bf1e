package org.fedcot.models.tokenizer.hf;

/**
 * A token matched in the text before anything else runs, with HF's flags: {@code special} ones are
 * control tokens; {@code normalized} ones are matched in the normalized text, the others in the raw
 * text; {@code lstrip}/{@code rstrip} swallow whitespace beside a match; {@code singleWord} ones only
 * match between non-word characters.
 */
record AddedToken(
        int id,
        String content,
        boolean special,
        boolean normalized,
        boolean lstrip,
        boolean rstrip,
        boolean singleWord) {

    /** A special token with HF's defaults for one: not normalized, no stripping. */
    static AddedToken special(int id, String content) {
        return new AddedToken(id, content, true, false, false, false, false);
    }
}
