package org.fedcot.pipeline.run;

/** What a text sent to the server reveals of the client's data. */
public enum Exposure {
    /** Perturbed private prompts: what FedCoT-E and FedCoT-A send. */
    PERTURBED,
    /** Public examples (FedCoT-A's encoder-decoder training data). */
    PUBLIC,
    /** Raw private (or test) prompts: Non-Private and FewShot-LLM only, and only when the config allows it. */
    RAW_PRIVATE
}
