/**
 * Teacher rationales: {@link org.fedcot.eval.rationale.RationaleReader} reads a teacher's
 * chain-of-thought files (PaLM's for CQA, TinyLLM's Flan-T5/LLaMA-2 ones for OBQA), cuts each output to
 * its first rationale and keeps those stating the gold answer ({@link org.fedcot.eval.rationale.RationaleJudge});
 * {@link org.fedcot.eval.rationale.RationaleSummary} counts what was kept and dropped.
 */
package org.fedcot.eval.rationale;
