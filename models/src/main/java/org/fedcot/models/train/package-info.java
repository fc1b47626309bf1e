/**
 * Causal-LM fine-tuning: {@link org.fedcot.models.train.Trainer} trains a decoder model on
 * (prompt, target) {@link org.fedcot.models.train.Example}s with the loss on target tokens only,
 * task-weighted multi-task losses ({@link org.fedcot.models.train.TaskWeights}, e.g. FedCoT's
 * {@code alpha * L_rationale + (1 - alpha) * L_label}), gradient accumulation, AdamW with clipping and
 * a learning-rate schedule, held-out evaluation, and atomic {@link org.fedcot.models.train.Checkpoints}
 * from which a run resumes bit for bit. Progress reaches a {@link org.fedcot.models.train.TrainingListener}.
 */
package org.fedcot.models.train;
