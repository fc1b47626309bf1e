/**
 * Scoring a model on multiple-choice questions: log-likelihood ranking of the choices (acc and
 * acc_norm, as lm-evaluation-harness computes them), exact match of generated answers (as Distilling
 * step-by-step compares them), accuracy with Wilson score intervals, TokenRatio means, and per-example
 * predictions as JSON lines.
 */
package org.fedcot.eval.score;
