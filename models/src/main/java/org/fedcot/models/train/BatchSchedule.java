package org.fedcot.models.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The examples each step of a {@link Trainer} trains on: {@code batchSize} {@link ExampleGroup}s in the
 * seeded order of {@link DataOrder} (over groups, not examples), each with all its examples. The order
 * depends only on the seed, the number of groups and, with length grouping, their lengths; so two training
 * sets of the same number of groups visit group i at the same steps.
 */
public final class BatchSchedule {
    private final List<ExampleGroup> groups;
    private final DataOrder order;

    /**
     * The schedule of {@code groups} under {@code config}'s batch size, seed and length grouping.
     *
     * @throws IllegalArgumentException when there are no groups
     */
    public BatchSchedule(List<ExampleGroup> groups, TrainerConfig config) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("there are no training examples");
        }
        this.groups = List.copyOf(groups);
        this.order = new DataOrder(
                this.groups.stream().mapToInt(ExampleGroup::length).toArray(),
                config.batchSize(),
                config.seed(),
                config.groupByLength());
    }

    /** The examples of step {@code step} (0-based), group by group in the order's sequence. */
    public List<Example> batch(long step) {
        List<Example> batch = new ArrayList<>();
        for (int i : order.batch(step)) {
            batch.addAll(groups.get(i).examples());
        }
        return batch;
    }

    /** The groups. */
    public List<ExampleGroup> groups() {
        return groups;
    }

    /** Every example of every group, group by group. */
    List<Example> examples() {
        return groups.stream().flatMap(g -> g.examples().stream()).toList();
    }
}
