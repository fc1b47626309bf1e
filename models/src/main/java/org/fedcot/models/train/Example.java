package org.fedcot.models.train;

import java.util.Objects;

/**
 * One causal-LM training example: the model reads {@code prompt} followed by {@code target} and is
 * scored only on predicting the target tokens (the prompt positions get label -100).
 *
 * @param source where the example came from, for error messages (e.g. {@code data.jsonl:12}); may be
 *               null, and is then replaced by the example's index
 * @param prompt the conditioning tokens, at least one (it predicts the first target token)
 * @param target the tokens the loss is computed on, at least one
 * @param task   the task the example belongs to (e.g. {@link TaskWeights#RATIONALE}), which decides
 *               the weight of its tokens
 */
public record Example(String source, int[] prompt, int[] target, String task) {
    /** Copies the arrays and checks that prompt and target are non-empty and the task named. */
    public Example {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(target, "target");
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException(prefix(source) + "the task is missing");
        }
        if (prompt.length == 0) {
            throw new IllegalArgumentException(prefix(source) + "the prompt has no tokens: at least one must precede"
                    + " the target to predict its first token from");
        }
        if (target.length == 0) {
            throw new IllegalArgumentException(
                    prefix(source) + "the target has no tokens, so there is nothing to learn");
        }
        prompt = prompt.clone();
        target = target.clone();
    }

    /** An example with no source name. */
    public static Example of(int[] prompt, int[] target, String task) {
        return new Example(null, prompt, target, task);
    }

    /** Prompt plus target tokens. */
    public int length() {
        return prompt.length + target.length;
    }

    /** A copy of the prompt tokens. */
    @Override
    public int[] prompt() {
        return prompt.clone();
    }

    /** A copy of the target tokens. */
    @Override
    public int[] target() {
        return target.clone();
    }

    /** Token {@code i} of prompt followed by target, without copying. */
    int token(int i) {
        return i < prompt.length ? prompt[i] : target[i - prompt.length];
    }

    /** Number of target tokens, without copying. */
    int targetLength() {
        return target.length;
    }

    /** Number of prompt tokens, without copying. */
    int promptLength() {
        return prompt.length;
    }

    /** {@code source: } or nothing, to start an error message. */
    private static String prefix(String source) {
        return source == null ? "" : source + ": ";
    }
}
