package org.fedcot.pipeline.config;

/**
 * How long the client's SLM generations may run, in new tokens, and how many are decoded together.
 *
 * @param rationaleTokens decoded rationales (FedCoT-E's in-context decoding, FedCoT-A's decoder)
 * @param encodedTokens   FedCoT-A's encoded prompts
 * @param answerTokens    answers at evaluation
 * @param batch           prompts decoded side by side and stored together: a killed run loses at most one batch
 */
public record GenerationSettings(Integer rationaleTokens, Integer encodedTokens, Integer answerTokens, Integer batch) {
    /** Fills unset values with the reference's lengths and a batch of 8. */
    public GenerationSettings {
        rationaleTokens = rationaleTokens == null ? 128 : rationaleTokens;
        encodedTokens = encodedTokens == null ? 128 : encodedTokens;
        answerTokens = answerTokens == null ? 32 : answerTokens;
        batch = batch == null ? 8 : batch;
    }

    /** The defaults. */
    public static GenerationSettings defaults() {
        return new GenerationSettings(null, null, null, null);
    }
}
