package org.fedcot.cli.demo;

import java.util.List;
import org.fedcot.eval.data.QaExample;
import org.fedcot.pipeline.task.TaskSource;

/**
 * The demo's private task: questions about the creatures of the made-up {@link World} ("What does a bamok eat?"
 * with four choices), the training set and the test set being two disjoint stretches of the world's questions in
 * an order drawn from the seed, so a rerun resumes the same run. A test question asks about a trait no training
 * question asked of that creature: its answer follows from the creature's kind, which the labels do not say and
 * the teacher's rationales do.
 *
 * @param trainCount training examples (public and private together)
 * @param testCount  test examples
 * @param seed       the seed of the questions' order and choices
 */
record DemoTask(int trainCount, int testCount, long seed) implements TaskSource {
    /** Checks that the world has that many questions. */
    DemoTask {
        if (trainCount + testCount > WorldQuestions.count()) {
            throw new IllegalArgumentException("--train " + trainCount + " plus --test " + testCount
                    + " is more than the " + WorldQuestions.count() + " questions the demo's world has");
        }
    }

    @Override
    public String name() {
        return "creatures";
    }

    @Override
    public List<QaExample> train() {
        return WorldQuestions.shuffled(seed).subList(0, trainCount).stream()
                .map(WorldQuestion::example)
                .toList();
    }

    @Override
    public List<QaExample> test() {
        return WorldQuestions.shuffled(seed).subList(trainCount, trainCount + testCount).stream()
                .map(WorldQuestion::example)
                .toList();
    }
}
