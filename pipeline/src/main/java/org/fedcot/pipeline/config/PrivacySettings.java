package org.fedcot.pipeline.config;

/**
 * The exponential-mechanism prompt encoder.
 *
 * @param embeddings     GloVe word vectors (word level) or a model whose input embeddings are used (token level)
 * @param tokenizer      that model's tokenizer when not in or beside it; null otherwise
 * @param mechanism      rantext (the reference), santext or custext
 * @param epsilon        eps of FedCoT-E's encoder (paper: 3)
 * @param encoderEpsilon eps of the perturbed prompts FedCoT-A's encoder learns to write (default: {@code epsilon},
 *                       the eps FedCoT-E is compared at; the reference's script uses 1)
 */
public record PrivacySettings(String embeddings, String tokenizer, String mechanism, Double epsilon,
                              Double encoderEpsilon) {
    /** Fills unset values with the reference's defaults. */
    public PrivacySettings {
        mechanism = mechanism == null ? "rantext" : mechanism;
        epsilon = epsilon == null ? 3.0 : epsilon;
        encoderEpsilon = encoderEpsilon == null ? epsilon : encoderEpsilon;
    }
}
