package org.fedcot.pipeline.task;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.eval.data.Dataset;
import org.fedcot.eval.data.DatasetReader;
import org.fedcot.eval.data.QaExample;
import org.fedcot.pipeline.config.TaskSettings;

/**
 * A dataset's train and test files, read by eval's {@link DatasetReader}.
 *
 * @param dataset the dataset, which decides the reader
 * @param trainFile the training file
 * @param testFile  the test file
 */
public record FileTaskSource(Dataset dataset, Path trainFile, Path testFile) implements TaskSource {
    /** The files {@code task} names. */
    public static FileTaskSource of(TaskSettings task) {
        return new FileTaskSource(Dataset.fromName(task.dataset()), Path.of(task.train()), Path.of(task.test()));
    }

    @Override
    public String name() {
        return dataset.cliName();
    }

    @Override
    public List<QaExample> train() throws IOException {
        return DatasetReader.read(trainFile, dataset);
    }

    @Override
    public List<QaExample> test() throws IOException {
        return DatasetReader.read(testFile, dataset);
    }
}
