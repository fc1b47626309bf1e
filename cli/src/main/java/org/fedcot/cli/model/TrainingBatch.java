package org.fedcot.cli.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import org.fedcot.cli.KnownFields;
import org.fedcot.tensor.ops.CrossEntropy;

/**
 * A batch of token rows with their labels, read from JSON as Hugging Face's causal-LM models take it:
 * {@code {"input_ids": [[...], ...], "labels": [[...], ...]}}, rows of equal length, labels aligned
 * with the ids (shifted inside the loss) and -100 where nothing is to be predicted.
 *
 * @param ids    the rows' ids, row-major [batch, seqLen]
 * @param labels the labels, same layout
 * @param batch  number of rows
 * @param seqLen tokens per row
 */
record TrainingBatch(int[] ids, int[] labels, int batch, int seqLen) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The fields of a batch; any other is a mistake (the model would never see it). */
    private static final Set<String> FIELDS = Set.of("input_ids", "labels");

    /**
     * Reads and checks {@code file} against a vocabulary of {@code vocabSize} ids.
     *
     * @throws IllegalArgumentException naming the file and field: invalid JSON, a missing field, ragged
     *     or empty rows, a non-integer, an id or label outside the vocabulary, or no label to predict
     */
    static TrainingBatch read(Path file, int vocabSize) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": no such batch file");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object with input_ids and labels");
        }
        KnownFields.require(root, FIELDS, file.toString());
        Rows ids = Rows.read(file, root, "input_ids");
        Rows labels = Rows.read(file, root, "labels");
        if (labels.batch != ids.batch || labels.seqLen != ids.seqLen) {
            throw new IllegalArgumentException(file + ": labels are " + labels.batch + " x " + labels.seqLen
                    + " but input_ids are " + ids.batch + " x " + ids.seqLen);
        }
        boolean anyTarget = false;
        for (int i = 0; i < ids.values.length; i++) {
            ids.requireIn(i, 0, vocabSize, "an id of a vocabulary of " + vocabSize);
            if (labels.values[i] != CrossEntropy.IGNORE_INDEX) {
                labels.requireIn(i, 0, vocabSize, "-100 or an id of a vocabulary of " + vocabSize);
                anyTarget |= i % ids.seqLen > 0; // the first label of a row is never predicted
            }
        }
        if (!anyTarget) {
            throw new IllegalArgumentException(file + ": labels has nothing to predict (every label after a row's "
                    + "first is -100), so the loss would be undefined");
        }
        return new TrainingBatch(ids.values, labels.values, ids.batch, ids.seqLen);
    }

    /** A rectangular array of ints read from one field, with the file and field for error messages. */
    private record Rows(Path file, String field, int[] values, int batch, int seqLen) {
        static Rows read(Path file, JsonNode root, String field) {
            JsonNode rows = root.get(field);
            if (rows == null || rows.isNull()) {
                throw new IllegalArgumentException(file + ": missing field '" + field + "'");
            }
            if (!rows.isArray()
                    || rows.isEmpty()
                    || !rows.get(0).isArray()
                    || rows.get(0).isEmpty()) {
                throw new IllegalArgumentException(
                        file + ": '" + field + "' must be a non-empty array of non-empty rows" + " of integers");
            }
            int seqLen = rows.get(0).size();
            int[] values = new int[rows.size() * seqLen];
            for (int b = 0; b < rows.size(); b++) {
                JsonNode row = rows.get(b);
                if (!row.isArray() || row.size() != seqLen) {
                    throw new IllegalArgumentException(file + ": " + field + "[" + b + "] has "
                            + (row.isArray() ? row.size() + " values" : "no array") + " but " + field + "[0] has "
                            + seqLen + " (rows must have equal lengths: pad them, with labels -100)");
                }
                for (int t = 0; t < seqLen; t++) {
                    JsonNode v = row.get(t);
                    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                        throw new IllegalArgumentException(
                                file + ": " + field + "[" + b + "][" + t + "] must be an integer, got " + v);
                    }
                    values[b * seqLen + t] = v.intValue();
                }
            }
            return new Rows(file, field, values, rows.size(), seqLen);
        }

        void requireIn(int i, int lo, int hi, String what) {
            int v = values[i];
            if (v < lo || v >= hi) {
                throw new IllegalArgumentException(
                        file + ": " + field + "[" + i / seqLen + "][" + i % seqLen + "] is " + v + ", not " + what);
            }
        }
    }
}
