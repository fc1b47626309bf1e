package org.fedcot.models.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.tokenizer.Tokenizers;
import org.fedcot.models.transformer.DecoderModel;

/**
 * What a {@code --model PATH} names: a Hugging Face checkpoint directory (config.json and safetensors
 * weights, usually a tokenizer too) or a llama2.c checkpoint file (with tokenizer.bin beside it). Every
 * command and the server open models through here, so all of them accept the same paths.
 */
public final class ModelPath {
    private static final String LLAMA2C_TOKENIZER = "tokenizer.bin";

    private ModelPath() {}

    /** Whether {@code path} is a llama2.c checkpoint file rather than a Hugging Face directory. */
    public static boolean isLlama2c(Path path) {
        return Files.isRegularFile(path);
    }

    /** Loads the model at {@code path}. */
    public static DecoderModel load(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return HfCheckpoint.load(path);
        }
        if (isLlama2c(path)) {
            return Llama2cCheckpoint.load(path);
        }
        throw new NoSuchFileException(path + ": no such model directory or checkpoint file");
    }

    /**
     * Loads the model at {@code path} with the PEFT LoRA adapter in {@code adapterDir} folded into its
     * weights ({@link PeftAdapter}, {@link org.fedcot.models.transformer.LoraAdapters#merge}): the model
     * then computes what the adapted one does, at the base model's cost. {@code adapterDir} null loads
     * the model alone.
     */
    public static DecoderModel load(Path path, Path adapterDir) throws IOException {
        DecoderModel model = load(path);
        if (adapterDir != null) {
            PeftAdapter.load(model, adapterDir).merge();
        }
        return model;
    }

    /**
     * The tokenizer at {@code tokenizerPath}, or by default the one in the model's directory (Hugging
     * Face) or tokenizer.bin beside the checkpoint (llama2.c); it must fit the model's vocabulary:
     * exactly for llama2.c (run.c reads vocab_size tokens), at most for Hugging Face (whose embedding
     * matrices are often padded past the tokenizer's last id).
     */
    public static Tokenizer tokenizer(Path modelPath, Path tokenizerPath, DecoderModel model) throws IOException {
        boolean llama2c = isLlama2c(modelPath);
        Path path = tokenizerPath != null
                ? tokenizerPath
                : llama2c ? modelPath.resolveSibling(LLAMA2C_TOKENIZER) : modelPath;
        if (tokenizerPath == null && llama2c && !Files.exists(path)) {
            throw new NoSuchFileException(modelPath + ": no " + LLAMA2C_TOKENIZER + " beside this llama2.c checkpoint;"
                    + " name its tokenizer with --tokenizer");
        }
        Tokenizer tokenizer = Tokenizers.load(path);
        int vocab = model.config().vocabSize();
        if (llama2c ? tokenizer.vocabSize() != vocab : tokenizer.vocabSize() > vocab) {
            throw new IllegalArgumentException("tokenizer " + path + " has " + tokenizer.vocabSize()
                    + " tokens but model " + modelPath + " has a vocabulary of " + vocab
                    + ": they do not belong together");
        }
        return tokenizer;
    }
}
