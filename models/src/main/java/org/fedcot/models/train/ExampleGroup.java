package org.fedcot.models.train;

import java.util.List;

/**
 * Examples that are always trained in the same batch: the unit a {@link Trainer}'s data order shuffles
 * and a step takes {@code batchSize} of. FedCoT groups one private example's label target with its
 * rationale target (Distilling step-by-step's multi-task batches), so how often a model sees each label
 * does not depend on how many rationales it has.
 *
 * @param examples the group's examples, at least one
 */
public record ExampleGroup(List<Example> examples) {
    /** Copies the list and checks it is not empty. */
    public ExampleGroup {
        examples = List.copyOf(examples);
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("an example group needs at least one example");
        }
    }

    /** A group of {@code examples}, in order. */
    public static ExampleGroup of(Example... examples) {
        return new ExampleGroup(List.of(examples));
    }

    /** The tokens of all its examples, prompts and targets. */
    public int length() {
        return examples.stream().mapToInt(Example::length).sum();
    }
}
