package org.fedcot.eval.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fedcot.models.generate.ScoringRequest;
import org.fedcot.models.tokenizer.Tokenizer;

/**
 * Turns a context and its continuations into token-level scoring requests the way
 * lm-evaluation-harness's {@code _encode_pair} does: white space at the end of the context moves to the
 * start of the continuation, then the continuation's tokens are those of {@code encode(context +
 * continuation)} after the first {@code encode(context).length} tokens. Encoding the whole text keeps
 * the tokenizer's merges across the boundary (a SentencePiece "▁yes" after "Answer:"), which encoding
 * the continuation on its own would not.
 *
 * <p>Texts are encoded with the tokenizer's special-token template ({@code addSpecial}), so a model
 * trained with a BOS token in front (llama2.c, Llama) reads one here too.
 */
public final class ChoiceEncoder {
    private final Tokenizer tokenizer;

    /** An encoder with {@code tokenizer}. */
    public ChoiceEncoder(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * One request per continuation, in order.
     *
     * @throws IllegalArgumentException when the context encodes to no tokens or a continuation to none
     */
    public List<ScoringRequest> encode(String context, List<String> continuations) {
        int trailing = context.length() - context.stripTrailing().length();
        String ctx = context.substring(0, context.length() - trailing);
        String moved = context.substring(ctx.length());
        int[] contextIds = tokenizer.encode(ctx, true);
        List<ScoringRequest> requests = new ArrayList<>(continuations.size());
        for (String continuation : continuations) {
            int[] whole = tokenizer.encode(ctx + moved + continuation, true);
            if (whole.length <= contextIds.length) {
                throw new IllegalArgumentException("continuation '" + continuation + "' adds no tokens to its context");
            }
            requests.add(new ScoringRequest(contextIds, Arrays.copyOfRange(whole, contextIds.length, whole.length)));
        }
        return requests;
    }
}
