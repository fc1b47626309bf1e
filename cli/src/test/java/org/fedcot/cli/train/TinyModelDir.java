package org.fedcot.cli.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.models.checkpoint.HfCheckpointWriter;
import org.fedcot.models.tokenizer.hf.BpeTrainer;
import org.fedcot.models.tokenizer.hf.TrainedBpe;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TransformerConfig;

/** A tiny Llama checkpoint directory with a byte-level BPE tokenizer.json trained on a few sentences. */
final class TinyModelDir {
    private TinyModelDir() {
    }

    static Path create(Path dir) throws IOException {
        TrainedBpe bpe = new BpeTrainer(300, List.of("<|endoftext|>"))
                .train(List.of("The answer is yes because the sky is blue.", "So the answer is no.", "Is the sky blue?"));
        bpe.save(dir.resolve("tokenizer.json"));
        TransformerConfig config = TransformerConfig.builder(ModelType.LLAMA).vocabSize(bpe.vocab().size()).hiddenSize(32)
                .intermediateSize(48).numLayers(1).numHeads(4).numKvHeads(2).maxPositionEmbeddings(64).build();
        HfCheckpointWriter.save(DecoderModel.random(config, 1), dir);
        return dir;
    }
}
