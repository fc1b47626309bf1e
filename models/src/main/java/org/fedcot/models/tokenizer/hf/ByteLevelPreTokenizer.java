package org.fedcot.models.tokenizer.hf;

import java.util.regex.Pattern;

/**
 * HF's ByteLevel pre-tokenizer: an optional leading space, an optional split with GPT-2's regex,
 * then each piece's UTF-8 bytes mapped to {@link ByteLevel} characters, the form BPE works on.
 */
final class ByteLevelPreTokenizer {
    /** GPT-2's word splitting regex, as written in HF's ByteLevel (Oniguruma syntax). */
    static final String GPT2_REGEX =
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    private static final Pattern GPT2 = compileGpt2();

    private ByteLevelPreTokenizer() {}

    private static Pattern compileGpt2() {
        try {
            return OnigRegex.compile(GPT2_REGEX);
        } catch (FormatProblem e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The step HF builds from {@code {"type": "ByteLevel", add_prefix_space, use_regex}}. */
    static PreTokenizer create(boolean addPrefixSpace, boolean useRegex) {
        PreTokenizer toBytes = (text, out) -> out.accept(ByteLevel.encode(text));
        PreTokenizer step =
                useRegex ? new SplitPreTokenizer(GPT2, SplitBehavior.ISOLATED, false).then(toBytes) : toBytes;
        if (!addPrefixSpace) {
            return step;
        }
        // HF prepends to each piece it is given, and never to an empty one.
        return (text, out) -> step.split(text.isEmpty() || text.startsWith(" ") ? text : " " + text, out);
    }
}
