package org.fedcot.pipeline.method;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.models.checkpoint.ModelPath;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.pipeline.config.ConfigSource;
import org.fedcot.pipeline.config.GenerationSettings;
import org.fedcot.pipeline.config.PrivacySettings;
import org.fedcot.pipeline.config.RunConfig;
import org.fedcot.pipeline.run.RunDir;
import org.fedcot.pipeline.slm.Slm;
import org.fedcot.privacy.Perturbers;
import org.fedcot.privacy.TextPerturber;

/**
 * The models a run reads, opened and checked before any work, so that a corrupt or mismatched file costs one
 * line naming it before the first question reaches the LLM, not after: the client's SLM (header or config,
 * weights and their shapes, tokenizer), the token lengths the config asks of it against its positions, and
 * the exponential mechanism's embeddings when a variant still to run perturbs prompts. Every SLM the run trains starts
 * from the client's, so its checks hold for FedCoT-A's encoder-decoder and the task SLMs too.
 *
 * @param slm       the client's SLM
 * @param perturber the exponential-mechanism encoder at the configured eps; null when no variant left to run
 *                  perturbs
 */
public record RunModels(Slm slm, TextPerturber perturber) {
    /**
     * Opens the models of a checked configuration.
     *
     * @throws org.fedcot.pipeline.config.ConfigException naming the config file, the field and the model file
     */
    public static RunModels open(ConfigSource source) {
        RunConfig c = source.config();
        Path modelPath = Path.of(c.slm().model());
        Path tokenizerPath =
                c.slm().tokenizer() == null ? null : Path.of(c.slm().tokenizer());
        DecoderModel model;
        // a corrupt file can fail in whatever way its parser does, not only with an IOException
        try {
            model = ModelPath.load(modelPath);
        } catch (IOException | RuntimeException e) {
            throw source.error("/slm/model", problem(modelPath, e));
        }
        Tokenizer tokenizer;
        try {
            tokenizer = ModelPath.tokenizer(modelPath, tokenizerPath, model);
        } catch (IOException | RuntimeException e) {
            throw source.error(
                    tokenizerPath != null ? "/slm/tokenizer" : "/slm/model",
                    problem(tokenizerPath != null ? tokenizerPath : modelPath, e));
        }
        fitsPositions(source, model.config().maxPositionEmbeddings());
        return new RunModels(Slm.of(modelPath, tokenizer), perturber(source));
    }

    /** The lengths of the config within the SLM's positions, as training and generation need them. */
    private static void fitsPositions(ConfigSource source, int positions) {
        int length = source.config().train().maxLength();
        if (2L * length > positions) {
            throw source.error(
                    "/train/maxLength",
                    "a prompt and a target of up to " + length + " tokens each need " + 2L * length
                            + " positions, but slm.model has " + positions);
        }
        GenerationSettings g = source.config().generation();
        generated(source, "/generation/rationaleTokens", g.rationaleTokens(), positions);
        generated(source, "/generation/encodedTokens", g.encodedTokens(), positions);
        generated(source, "/generation/answerTokens", g.answerTokens(), positions);
    }

    /** At most half the positions go to new tokens (SlmGenerator keeps the rest for the prompt). */
    private static void generated(ConfigSource source, String pointer, int tokens, int positions) {
        if (tokens > positions / 2) {
            throw source.error(
                    pointer,
                    tokens + " new tokens leave too little room for the prompt: slm.model has " + positions
                            + " positions, of which at most " + positions / 2 + " may be generated");
        }
    }

    /**
     * The perturber, when a variant that perturbs has still to run: the embeddings take seconds to read (GloVe:
     * tens of megabytes of text), which a rerun of a finished run should not pay.
     */
    private static TextPerturber perturber(ConfigSource source) {
        RunConfig c = source.config();
        RunDir root = new RunDir(Path.of(c.runDir()));
        List<RunDir> dirs = c.seedList().stream()
                .map(s -> root.forSeed(s, c.perSeedDirectories()))
                .toList();
        if (VariantPlan.of(c).stream()
                .noneMatch(v ->
                        v.method().isPrivate() && dirs.stream().anyMatch(dir -> !Files.exists(dir.result(v.id()))))) {
            return null;
        }
        PrivacySettings p = c.privacy();
        Path embeddings = Path.of(p.embeddings());
        Path tokenizer = p.tokenizer() == null ? null : Path.of(p.tokenizer());
        try {
            return Perturbers.open(embeddings, tokenizer, p.options(p.epsilon()));
        } catch (IOException | RuntimeException e) {
            throw source.error("/privacy/embeddings", problem(embeddings, e));
        }
    }

    /** {@code e} as one line that names {@code file}. */
    private static String problem(Path file, Exception e) {
        String message = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().replace('\n', ' ');
        return message.contains(file.toString()) ? message : file + ": " + message;
    }
}
