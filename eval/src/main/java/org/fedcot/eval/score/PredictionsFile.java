package org.fedcot.eval.score;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.models.checkpoint.AtomicFiles;

/**
 * Per-question predictions as JSON lines, one object per question in scoring order ({@link
 * Prediction#toJson}), written atomically: a crash leaves the previous file or the complete new one.
 */
public final class PredictionsFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PredictionsFile() {}

    /** Writes {@code predictions} to {@code path}, replacing it. */
    public static void write(Path path, List<? extends Prediction> predictions) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Prediction p : predictions) {
            lines.append(JSON.writeValueAsString(p.toJson())).append('\n');
        }
        AtomicFiles.writeString(path, lines.toString());
    }
}
