package org.fedcot.pipeline.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.fedcot.models.checkpoint.AtomicFiles;
import org.fedcot.pipeline.config.RunConfig;
import org.fedcot.pipeline.prompt.QuestionText;
import org.fedcot.pipeline.run.RunDir;
import org.fedcot.pipeline.task.FileTaskSource;
import org.fedcot.pipeline.task.TaskData;

/**
 * The public prompts of a run's seed ({@code privacy/public-prompts.json}): the question texts of the task's public
 * part, laid out as the perturber receives a private one. They are the attacker's public text, over which the
 * Bayesian attack counts its prior. The run records them, so the run's attack stage and {@code fedcot attack} read
 * the same texts whatever the task's source (files, or a generator such as the demo's).
 */
public final class PublicPrompts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "public-prompts.json";

    private PublicPrompts() {}

    /** Records the public prompts of {@code data} in {@code dir}. */
    public static void record(RunDir dir, TaskData data) throws IOException {
        List<String> texts = data.publicPart().stream().map(QuestionText::of).toList();
        Files.createDirectories(dir.privacy());
        AtomicFiles.writeString(file(dir), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(texts) + "\n");
    }

    /**
     * Records the public prompts of a run in {@code dir} that has none on record (one made before runs recorded
     * them), when its configuration names the task's files: read and split as the run did for {@code seed}. A run
     * whose task came from a generator keeps none.
     */
    public static void recordFromConfig(RunDir dir, RunConfig config, long seed) throws IOException {
        if (Files.exists(file(dir)) || config.task() == null || config.task().train() == null) {
            return;
        }
        record(dir, TaskData.load(FileTaskSource.of(config.task()), config.task(), seed));
    }

    /** The recorded public prompts of {@code dir}, empty when it records none. */
    public static Optional<List<String>> read(RunDir dir) throws IOException {
        Path file = file(dir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), new TypeReference<List<String>>() {}));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not a JSON list of prompts (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static Path file(RunDir dir) {
        return dir.privacy().resolve(FILE);
    }
}
