package org.fedcot.models.generate;

/**
 * A continuation to score after a context, both as token ids (lm-evaluation-harness's
 * {@code loglikelihood} request, tokenized).
 *
 * @param context      the tokens conditioned on; not empty (start it with BOS or EOS when the text is empty)
 * @param continuation the tokens whose log-probability is wanted; not empty
 */
public record ScoringRequest(int[] context, int[] continuation) {
    /** Checks that both parts are non-empty; copies them. */
    public ScoringRequest {
        if (context.length == 0 || continuation.length == 0) {
            throw new IllegalArgumentException("scoring request: context (" + context.length + " tokens) and "
                    + "continuation (" + continuation.length + " tokens) must both be non-empty");
        }
        context = context.clone();
        continuation = continuation.clone();
    }

    /** A copy of the context. */
    @Override
    public int[] context() {
        return context.clone();
    }

    /** A copy of the continuation. */
    @Override
    public int[] continuation() {
        return continuation.clone();
    }
}
