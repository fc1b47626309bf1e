/**
 * Evaluation datasets: {@link org.fedcot.eval.data.DatasetReader} reads CQA, OBQA, ARC-Easy and BoolQ
 * files in the formats users have (Hugging Face exports, Distilling step-by-step, BoolQ's variants) into
 * {@link org.fedcot.eval.data.QaExample}s, and {@link org.fedcot.eval.data.Splits} cuts them into seeded
 * splits and data fractions.
 */
package org.fedcot.eval.data;
