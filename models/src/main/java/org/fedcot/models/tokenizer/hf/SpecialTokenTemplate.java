package org.fedcot.models.tokenizer.hf;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * What a post-processor adds around a single sequence when special tokens are asked for: ids
 * before it (BOS, CLS) and ids after it (EOS, SEP). HF's TemplateProcessing, RobertaProcessing and
 * BertProcessing all reduce to this for one sequence; ByteLevel adds nothing.
 */
record SpecialTokenTemplate(int[] prefix, int[] suffix) {
    static final SpecialTokenTemplate NONE = new SpecialTokenTemplate(new int[0], new int[0]);

    int[] apply(int[] ids) {
        return IntStream.concat(IntStream.concat(Arrays.stream(prefix), Arrays.stream(ids)), Arrays.stream(suffix))
                .toArray();
    }

    /** This template applied first, then {@code outer} around it (HF's Sequence of processors). */
    SpecialTokenTemplate within(SpecialTokenTemplate outer) {
        return new SpecialTokenTemplate(
                IntStream.concat(Arrays.stream(outer.prefix), Arrays.stream(prefix))
                        .toArray(),
                IntStream.concat(Arrays.stream(suffix), Arrays.stream(outer.suffix))
                        .toArray());
    }
}
