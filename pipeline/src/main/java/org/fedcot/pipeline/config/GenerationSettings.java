package org.fedcot.pipeline.config;

/**
 * How long the client's SLM generations may run, in new tokens.
 *
 * @param rationaleTokens decoded rationales (FedCoT-E's in-context decoding, FedCoT-A's decoder)
 * @param encodedTokens   FedCoT-A's encoded prompts
 * @param answerTokens    answers at evaluation
 */
public record GenerationSettings(Integer rationaleTokens, Integer encodedTokens, Integer answerTokens) {
    /** Fills unset values with the reference's lengths. */
    public GenerationSettings {
        rationaleTokens = rationaleTokens == null ? 128 : rationaleTokens;
        encodedTokens = encodedTokens == null ? 128 : encodedTokens;
        answerTokens = answerTokens == null ? 32 : answerTokens;
    }

    /** The defaults. */
    public static GenerationSettings defaults() {
        return new GenerationSettings(null, null, null);
    }
}
