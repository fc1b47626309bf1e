package org.fedcot.pipeline;

import java.io.IOException;
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
 * A tiny Llama the project makes itself: a byte-level BPE tokenizer trained on the made questions and the
 * rationale prompts' own words, and random weights in stories260K's shape, written as a Hugging Face directory
 * (config.json, model.safetensors, tokenizer.json). It serves as both the client's SLM and the server's LLM of
 * the tests' runs; its outputs mean nothing, but every stage runs on it as on a real model.
 */
public final class MadeModel {
    /** The name the made model is served under. */
    public static final String NAME = "made-llama";

    private static final int VOCAB = 512;

    private MadeModel() {}

    /** Writes the model and its tokenizer.json into {@code dir} (the folder is created). */
    public static void write(Path dir) throws IOException {
        List<String> corpus = new ArrayList<>(MadeQuestions.lines());
        corpus.add(RationalePrompts.icl("", "", ""));
        TrainedBpe bpe = new BpeTrainer(VOCAB, List.of("<|endoftext|>")).train(corpus);
        // stories260K's shape, so a made run does the work a run on the reference checkpoint does
        TransformerConfig config = TransformerConfig.builder(ModelType.LLAMA)
                .vocabSize(bpe.vocab().size())
                .hiddenSize(64)
                .intermediateSize(172)
                .numLayers(5)
                .numHeads(8)
                .numKvHeads(4)
                .maxPositionEmbeddings(512)
                .build();
        HfCheckpointWriter.save(DecoderModel.random(config, 5), dir);
        bpe.save(dir.resolve("tokenizer.json"));
    }
}
