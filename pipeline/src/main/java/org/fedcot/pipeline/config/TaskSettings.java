package org.fedcot.pipeline.config;

/**
 * The private task: which dataset, where its files are, how much of it is used.
 *
 * @param dataset        cqa, obqa, arc-easy or boolq (the reader and the report's column name)
 * @param train          the training file (any format the dataset reader takes)
 * @param test           the test file
 * @param trainLimit     use only the first this many training examples (after a seeded shuffle); null: all
 * @param testLimit      use only the first this many test examples; null: all
 * @param publicFraction share of the training examples that is public (FedCoT-A's encoder-decoder data); the
 *                       rest is the client's private data every method trains its task SLM on
 */
public record TaskSettings(
        String dataset, String train, String test, Integer trainLimit, Integer testLimit, Double publicFraction) {
    /** Fills unset values with the defaults (the reference's half public). */
    public TaskSettings {
        publicFraction = publicFraction == null ? 0.5 : publicFraction;
    }
}
