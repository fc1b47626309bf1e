package org.fedcot.pipeline.task;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.fedcot.eval.data.QaExample;
import org.fedcot.eval.data.Split;
import org.fedcot.eval.data.Splits;
import org.fedcot.pipeline.config.TaskSettings;

/**
 * The examples a run works on: the public part of the training data (FedCoT-A's encoder-decoder data), the
 * private part (what every method's task SLM trains on, and what must not reach the server raw), and the
 * test set. All choices are seeded, so a resumed run sees the same three lists.
 *
 * @param name        the task's name (report column)
 * @param publicPart  public training examples
 * @param privatePart private training examples
 * @param test        test examples
 */
public record TaskData(String name, List<QaExample> publicPart, List<QaExample> privatePart, List<QaExample> test) {
    public TaskData {
        publicPart = List.copyOf(publicPart);
        privatePart = List.copyOf(privatePart);
        test = List.copyOf(test);
        if (privatePart.isEmpty()) {
            throw new IllegalArgumentException("task " + name + ": no private training example");
        }
        if (test.isEmpty()) {
            throw new IllegalArgumentException("task " + name + ": no test example");
        }
    }

    /** Reads {@code source}, cuts it to the limits of {@code settings} and splits public from private. */
    public static TaskData load(TaskSource source, TaskSettings settings, long seed) throws IOException {
        List<QaExample> train = limit(source.train(), settings.trainLimit(), seed);
        List<QaExample> test = limit(source.test(), settings.testLimit(), seed + 1);
        unique(source.name() + " train", train);
        unique(source.name() + " test", test);
        Split<QaExample> split = Splits.split(train, settings.publicFraction(), seed);
        return new TaskData(source.name(), split.first(), split.second(), test);
    }

    /** The first {@code fraction} of the private part, nested (a smaller share is inside a larger one). */
    public List<QaExample> privateFraction(double fraction, long seed) {
        return fraction >= 1 ? privatePart : Splits.fraction(privatePart, fraction, seed);
    }

    private static List<QaExample> limit(List<QaExample> all, Integer limit, long seed) {
        if (limit == null || limit >= all.size()) {
            return all;
        }
        List<QaExample> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled.subList(0, limit);
    }

    private static void unique(String what, List<QaExample> examples) {
        Set<String> ids = new HashSet<>();
        for (QaExample e : examples) {
            if (!ids.add(e.id())) {
                throw new IllegalArgumentException(what + ": id " + e.id() + " occurs twice");
            }
        }
    }
}
