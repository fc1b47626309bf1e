package org.fedcot.cli.demo;

import java.util.List;
import org.fedcot.eval.data.QaExample;
import org.fedcot.pipeline.task.TaskSource;

/**
 * The demo's private task: generated word problems (training examples, half of them public, and a test
 * set), the same for the same seed, so a rerun resumes the same run.
 *
 * @param trainCount training examples (public and private together)
 * @param testCount  test examples
 * @param seed       the generator's seed
 */
record DemoTask(int trainCount, int testCount, long seed) implements TaskSource {
    @Override
    public String name() {
        return "word problems";
    }

    @Override
    public List<QaExample> train() {
        return WordProblems.generate("train", trainCount, seed).stream().map(WordProblem::example).toList();
    }

    @Override
    public List<QaExample> test() {
        return WordProblems.generate("test", testCount, seed + 1).stream().map(WordProblem::example).toList();
    }
}
