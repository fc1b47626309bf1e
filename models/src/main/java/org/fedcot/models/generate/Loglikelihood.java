package org.fedcot.models.generate;

/**
 * The score of a continuation, as lm-evaluation-harness's {@code loglikelihood} returns it.
 *
 * @param logProb sum over the continuation's tokens of log p(token | everything before it), natural log
 * @param greedy  whether every continuation token is the argmax of its position's logits, so greedy
 *                decoding would have produced exactly this continuation
 */
public record Loglikelihood(double logProb, boolean greedy) {}
