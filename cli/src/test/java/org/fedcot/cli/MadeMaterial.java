package org.fedcot.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedcot.models.checkpoint.HfCheckpointWriter;
import org.fedcot.models.tokenizer.hf.BpeTrainer;
import org.fedcot.models.tokenizer.hf.TrainedBpe;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TransformerConfig;
import org.fedcot.pipeline.prompt.RationalePrompts;
import org.fedcot.testing.MadeQuestions;

/**
 * What the command-line tests run on when they check the commands' mechanics rather than a reference output,
 * all made by the project, so they run on a fresh clone: tiny Llamas with random weights (small enough to train
 * a few steps in a blink) and a byte-level BPE tokenizer.json trained on the made questions and the rationale
 * prompts, written as Hugging Face directories, and the {@link MadeQuestions} in one CQA file. The shared model
 * and file are built once per JVM under target/.
 */
public final class MadeMaterial {
    /** The shared model directory's name, which reports and the server use. */
    public static final String NAME = "made-llama";
    /** The tokenizer's vocabulary size, the models' too. */
    public static final int VOCAB = 512;

    private static final TrainedBpe BPE = tokenizerOfTheMadeCorpus();
    private static final Path DIR = create();
    private static final Path MODEL = DIR.resolve(NAME);
    private static final Path QUESTIONS = DIR.resolve("questions.json");

    static {
        try {
            writeModel(MODEL, 512);
            Files.write(QUESTIONS, MadeQuestions.lines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MadeMaterial() {}

    /** The shared model directory (config.json, model.safetensors, tokenizer.json), 512 positions. */
    public static Path model() {
        return MODEL;
    }

    /** The models' tokenizer.json. */
    public static Path tokenizer() {
        return MODEL.resolve("tokenizer.json");
    }

    /** All {@link MadeQuestions#COUNT} made questions, one CQA JSON line each. */
    public static Path questions() {
        return QUESTIONS;
    }

    /** Writes a fresh model of {@code positions} positions with the tokenizer.json into {@code dir}; returns dir. */
    public static Path writeModel(Path dir, int positions) throws IOException {
        TransformerConfig config = TransformerConfig.builder(ModelType.LLAMA)
                .vocabSize(VOCAB)
                .hiddenSize(32)
                .intermediateSize(64)
                .numLayers(2)
                .numHeads(4)
                .numKvHeads(2)
                .maxPositionEmbeddings(positions)
                .build();
        HfCheckpointWriter.save(DecoderModel.random(config, 5), dir);
        BPE.save(dir.resolve("tokenizer.json"));
        return dir;
    }

    private static TrainedBpe tokenizerOfTheMadeCorpus() {
        List<String> corpus = new ArrayList<>(MadeQuestions.lines());
        corpus.add(RationalePrompts.icl("", "", ""));
        TrainedBpe bpe = new BpeTrainer(VOCAB, List.of("<|endoftext|>")).train(corpus);
        if (bpe.vocab().size() != VOCAB) {
            throw new IllegalStateException(
                    "the made corpus gives " + bpe.vocab().size() + " tokens, not " + VOCAB);
        }
        return bpe;
    }

    private static Path create() {
        // surefire runs the tests in the module's folder and names it in basedir
        Path target = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target");
        try {
            return Files.createTempDirectory(Files.createDirectories(target), "made-")
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
