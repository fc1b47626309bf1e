/**
 * Text generation and scoring with a {@link org.fedcot.models.transformer.DecoderModel}:
 * {@link org.fedcot.models.generate.Sampler} (greedy, temperature, top-k, top-p),
 * {@link org.fedcot.models.generate.Generator} (KV-cache decoding with stop tokens and stop strings),
 * {@link org.fedcot.models.generate.BatchGenerator} (many sequences decoded at once, joining and leaving
 * between steps)
 * and {@link org.fedcot.models.generate.LoglikelihoodScorer} (batched log-likelihood of continuations,
 * for multiple-choice evaluation).
 */
package org.fedcot.models.generate;
