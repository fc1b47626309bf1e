package org.fedcot.pipeline.task;

import java.io.IOException;
import java.util.List;
import org.fedcot.eval.data.QaExample;

/**
 * Where a run's task comes from: dataset files ({@link FileTaskSource}) or a generator (the embedded
 * demo). Ids must be unique within each list: every stage output is keyed by them.
 */
public interface TaskSource {
    /** The task's name, the report's column ("cqa", "demo"). */
    String name();

    /** The training examples, in a fixed order (a rerun must see the same list). */
    List<QaExample> train() throws IOException;

    /** The test examples, in a fixed order. */
    List<QaExample> test() throws IOException;
}
