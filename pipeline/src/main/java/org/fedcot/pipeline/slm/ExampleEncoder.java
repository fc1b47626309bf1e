package org.fedcot.pipeline.slm;

import java.util.Arrays;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.train.Example;

/**
 * Training examples as token ids, each part cut to the configured length (the reference's 128/128): the
 * prompt keeps its end (the question), the target its beginning.
 */
public final class ExampleEncoder {
    private final Tokenizer tokenizer;
    private final int maxLength;

    /** Encodes with {@code tokenizer}, cutting prompt and target to {@code maxLength} tokens each. */
    public ExampleEncoder(Tokenizer tokenizer, int maxLength) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
    }

    /** The example of task {@code task}: learn {@code target} after {@code prompt}. */
    public Example encode(String source, String prompt, String target, String task) {
        int[] p = tokenizer.encode(prompt, true);
        int[] t = tokenizer.encode(target, false);
        if (p.length > maxLength) {
            p = Arrays.copyOfRange(p, p.length - maxLength, p.length);
        }
        if (t.length > maxLength) {
            t = Arrays.copyOf(t, maxLength);
        }
        return new Example(source, p, t, task);
    }
}
