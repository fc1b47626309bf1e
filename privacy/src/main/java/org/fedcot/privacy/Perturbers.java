package org.fedcot.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens the right {@link TextPerturber} for an embeddings path. */
public final class Perturbers {
    private Perturbers() {}

    /**
     * A perturber over the embeddings at {@code path}:
     * <ul>
     *   <li>a directory or a .safetensors file: a Hugging Face model (its input embedding and tokenizer):
     *       token level;</li>
     *   <li>a binary file (a NUL byte in its first 64): a llama2.c checkpoint, with tokenizer.bin beside
     *       it or {@code tokenizer}: token level;</li>
     *   <li>any other file: GloVe-format word vectors: word level.</li>
     * </ul>
     *
     * @param tokenizer the tokenizer of a model, or null for the one in or beside it; not for GloVe
     * @throws IOException naming the path when it is missing or not in the format it looks like
     */
    public static TextPerturber open(Path path, Path tokenizer, PerturbOptions options) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path + ": no such embeddings file or model directory");
        }
        if (Files.isDirectory(path) || ModelEmbeddings.isSafetensors(path) || isBinary(path)) {
            return new TokenPerturber(TokenVocabulary.load(path, tokenizer), options);
        }
        if (tokenizer != null) {
            throw new IllegalArgumentException(path + " holds GloVe word vectors, which need no tokenizer;"
                    + " a tokenizer goes with a model's embeddings");
        }
        return new WordPerturber(GloveFile.read(path), options);
    }

    private static boolean isBinary(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            for (byte b : in.readNBytes(64)) {
                if (b == 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
