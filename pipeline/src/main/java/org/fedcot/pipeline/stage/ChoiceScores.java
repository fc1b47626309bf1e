package org.fedcot.pipeline.stage;

import org.fedcot.eval.score.Accuracy;

/**
 * Multiple-choice accuracies, as lm-evaluation-harness names them.
 *
 * @param acc     the choice of highest log-likelihood
 * @param accNorm the choice of highest log-likelihood per byte
 */
public record ChoiceScores(Accuracy acc, Accuracy accNorm) {}
