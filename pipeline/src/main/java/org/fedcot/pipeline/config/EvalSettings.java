package org.fedcot.pipeline.config;

import java.util.List;

/**
 * How the trained SLMs are scored on the test set.
 *
 * <p>{@code gen} (the default) generates an answer after the variant's prompt and matches it to a choice:
 * the generated-answer accuracy FedCoT-style distillation papers report (Distilling step-by-step, the
 * reference), and the only way to score FewShot-LLM, whose server returns text. {@code mc} scores every
 * choice by its log-likelihood after the same prompt, as lm-evaluation-harness does (acc, acc_norm);
 * {@code both} does both, and the report carries a table per measure. FewShot-LLM is scored by generation
 * in every mode.
 *
 * @param mode gen, mc or both
 */
public record EvalSettings(String mode) {
    /** The modes a config may name. */
    public static final List<String> MODES = List.of("gen", "mc", "both");

    /** Fills an unset mode with gen. */
    public EvalSettings {
        mode = mode == null ? "gen" : mode;
    }

    /** Generated-answer scoring only. */
    public static EvalSettings defaults() {
        return new EvalSettings(null);
    }

    /** Whether answers are generated and matched. */
    public boolean generation() {
        return !mode.equals("mc");
    }

    /** Whether choices are ranked by log-likelihood. */
    public boolean multipleChoice() {
        return !mode.equals("gen");
    }
}
