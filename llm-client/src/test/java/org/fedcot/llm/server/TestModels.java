package org.fedcot.llm.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.models.checkpoint.HfCheckpointWriter;
import org.fedcot.models.generate.ContinuationText;
import org.fedcot.models.generate.Generation;
import org.fedcot.models.generate.GenerationOptions;
import org.fedcot.models.generate.Generator;
import org.fedcot.models.generate.Sampler;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TransformerConfig;
import org.fedcot.testing.SharedFiles;

/**
 * The models the server tests host, each loaded once per JVM: llama2.c's real stories260K from the
 * shared folder, and a tiny random Qwen2 directory with Qwen3's real tokenizer and chat template.
 */
final class TestModels {
    /** Qwen3's vocab_size: its tokenizer's ids and added tokens, padded, as its config.json has it. */
    private static final int QWEN3_VOCAB = 151936;
    private static ServedModel stories;
    private static ServedModel qwen;

    private TestModels() {
    }

    /** stories260K (llama2.c checkpoint, tok512.bin tokenizer, no chat template), served as "stories260K". */
    static synchronized ServedModel stories() throws IOException {
        if (stories == null) {
            stories = ServedModel.load(SharedFiles.path("models/stories260K/stories260K.bin"),
                    SharedFiles.path("models/stories260K/tok512.bin"), "stories260K");
        }
        return stories;
    }

    /**
     * A random Qwen2 model (hidden 16, one layer) written as a Hugging Face directory beside a copy of
     * Qwen3's tokenizer.json and tokenizer_config.json (whose chat_template it gets), served under its
     * directory name "tiny-qwen".
     */
    static synchronized ServedModel tinyQwen() throws IOException {
        if (qwen == null) {
            Path source = SharedFiles.path("models/tokenizers/qwen3-tokenizer");
            Path dir = Files.createTempDirectory("fedcot-serve-test").resolve("tiny-qwen");
            Files.createDirectories(dir);
            for (String file : List.of("tokenizer.json", "tokenizer_config.json")) {
                Files.copy(source.resolve(file), dir.resolve(file));
            }
            TransformerConfig config = TransformerConfig.builder(ModelType.QWEN2).vocabSize(QWEN3_VOCAB).hiddenSize(16)
                    .intermediateSize(32).numLayers(1).numHeads(2).numKvHeads(1).maxPositionEmbeddings(128)
                    .tieWordEmbeddings(true).build();
            HfCheckpointWriter.save(DecoderModel.random(config, 7), dir);
            qwen = ServedModel.load(dir, null, null);
            deleteOnExit(dir);
        }
        return qwen;
    }

    /** What {@link Generator} itself produces for {@code prompt}: the reference a server answer must equal. */
    static Generation direct(ServedModel m, int[] prompt, int maxNew, List<String> stops, Sampler sampler) {
        return new Generator(m.model(), ContinuationText.of(m.tokenizer()))
                .generate(prompt, new GenerationOptions(maxNew, m.stopIds(), stops), sampler);
    }

    /** Registers the directory, then its files: the JVM deletes in reverse order, files first. */
    private static void deleteOnExit(Path dir) {
        dir.getParent().toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().deleteOnExit());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
