package org.fedcot.models.generate;

import java.util.Arrays;
import org.fedcot.models.tokenizer.Tokenizer;

/** {@link ContinuationText#of(Tokenizer)}: decode(tail + generated) minus decode(tail). */
final class DecodedContinuation implements ContinuationText {
    /**
     * Prompt tokens decoded with the continuation: enough to finish a UTF-8 character the prompt's
     * last byte tokens began (at most 3 bytes) and to tell that the continuation is not at the start.
     */
    private static final int CONTEXT = 4;

    private final Tokenizer tokenizer;

    DecodedContinuation(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    public String of(int[] prompt, int[] generated) {
        int tail = Math.min(CONTEXT, prompt.length);
        int[] ids = Arrays.copyOfRange(prompt, prompt.length - tail, prompt.length + generated.length);
        System.arraycopy(generated, 0, ids, tail, generated.length);
        String head = tokenizer.decode(Arrays.copyOf(ids, tail));
        String all = tokenizer.decode(ids);
        // a prompt ending inside a character decodes to U+FFFD there, which the continuation replaces
        return all.startsWith(head) ? all.substring(head.length()) : tokenizer.decode(generated);
    }
}
