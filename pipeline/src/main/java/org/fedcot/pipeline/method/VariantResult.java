package org.fedcot.pipeline.method;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.models.checkpoint.AtomicFiles;
import org.fedcot.pipeline.Method;

/**
 * What a finished variant measured; written to results/VARIANT.json when the variant is done, the file
 * marking it done for a rerun.
 *
 * @param variant                the variant
 * @param accuracy               test accuracy (exact match)
 * @param rationalesUsed         rationale examples trained on (after filtering), 0 for label-only methods
 * @param promptTokenRatio       mean TokenRatio of the prompts sent against the raw ones, null when sent raw or none
 * @param receivedTokenRatio     mean TokenRatio of the LLM's rationales against Non-Private's, null without
 * @param usedTokenRatio         mean TokenRatio of the rationales trained on against Non-Private's, null without
 */
public record VariantResult(Variant variant, Accuracy accuracy, int rationalesUsed, Double promptTokenRatio,
                            Double receivedTokenRatio, Double usedTokenRatio) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes this result atomically. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new Json(
                variant.method().configName(), variant.epsilon(), variant.decoding(), variant.fraction(),
                accuracy.correct(), accuracy.total(), rationalesUsed, promptTokenRatio, receivedTokenRatio,
                usedTokenRatio)) + "\n");
    }

    /** The result in {@code file}, written by {@link #write}. */
    public static VariantResult read(Path file) throws IOException {
        Json j = JSON.readValue(file.toFile(), Json.class);
        return new VariantResult(new Variant(Method.fromName(j.method), j.epsilon, j.decoding, j.fraction),
                new Accuracy(j.correct, j.total), j.rationalesUsed, j.promptTokenRatio, j.receivedTokenRatio,
                j.usedTokenRatio);
    }

    /** The file layout. */
    record Json(String method, Double epsilon, boolean decoding, double fraction, int correct, int total,
                int rationalesUsed, Double promptTokenRatio, Double receivedTokenRatio, Double usedTokenRatio) {
    }
}
