package org.fedcot.eval.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a dataset file into questions: JSON lines or a JSON list, in any {@link DataFormat}, found from
 * the first record's fields unless the caller names it. Every record is checked; the first malformed
 * one stops the read with a {@link MalformedDataException} that names its file, line and field.
 */
public final class DatasetReader {

    private DatasetReader() {}

    /** The questions of {@code file}, a file of {@code dataset} in the format its first record shows. */
    public static List<QaExample> read(Path file, Dataset dataset) throws IOException {
        return read(file, dataset, null);
    }

    /**
     * The questions of {@code file} read as {@code format}, or in the format its first record shows when
     * {@code format} is {@code null}.
     */
    public static List<QaExample> read(Path file, Dataset dataset, DataFormat format) throws IOException {
        List<JsonRecord> records = JsonRecords.read(file);
        if (records.isEmpty()) {
            throw new MalformedDataException(file, 1, file + ":1", null, "holds no records");
        }
        JsonRecord first = records.getFirst();
        DataFormat f = format != null ? format : DataFormat.detect(first);
        if (!f.holds(dataset)) {
            throw first.malformed(null, "format " + f.cliName() + " does not hold " + dataset.cliName() + " questions");
        }
        List<QaExample> out = new ArrayList<>(records.size());
        for (JsonRecord r : records) {
            out.add(f.parse(r));
        }
        return out;
    }
}
