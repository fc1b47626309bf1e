package org.fedcot.pipeline.slm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedcot.models.checkpoint.ModelPath;
import org.fedcot.models.checkpoint.PeftAdapter;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.transformer.DecoderModel;

/**
 * The client's small model: where its weights are, and its tokenizer, shared by every SLM the run trains
 * from it (their checkpoints hold weights only).
 */
public final class Slm {
    private final Path model;
    private final Tokenizer tokenizer;

    private Slm(Path model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /** The model at {@code model} with {@code tokenizer}, both already opened and checked (see RunModels). */
    public static Slm of(Path model, Tokenizer tokenizer) {
        return new Slm(model, tokenizer);
    }

    /** The tokenizer. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** A fresh copy of the pretrained weights (training changes a model in place). */
    public DecoderModel pretrained() throws IOException {
        return ModelPath.load(model);
    }

    /**
     * The weights of a checkpoint of a model trained from this one: the model it holds, or, for a LoRA
     * checkpoint (a PEFT adapter), these pretrained weights with its adapters folded in.
     */
    public DecoderModel trained(Path checkpoint) throws IOException {
        if (Files.exists(checkpoint.resolve(PeftAdapter.CONFIG))) {
            return ModelPath.load(model, checkpoint);
        }
        return ModelPath.load(checkpoint);
    }
}
