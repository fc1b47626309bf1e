package org.fedcot.models.tokenizer.hf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What {@link BpeTrainer} learned: the vocabulary (index = id), the merges in rank order and the
 * special tokens. It becomes a tokenizer directly or through a saved {@code tokenizer.json}, and
 * both are the same tokenizer.
 *
 * @param vocab         tokens by id, special tokens first
 * @param merges        merges, highest priority first
 * @param specialTokens the special tokens, which are also {@code vocab}'s first entries
 */
public record TrainedBpe(List<String> vocab, List<Merge> merges, List<String> specialTokens) {
    /** One merge: {@code left} followed by {@code right} becomes {@code left + right}. */
    public record Merge(String left, String right) {}

    public TrainedBpe {
        vocab = List.copyOf(vocab);
        merges = List.copyOf(merges);
        specialTokens = List.copyOf(specialTokens);
    }

    /** The tokenizer, built from the same JSON that {@link #save} writes. */
    public HfTokenizer tokenizer() {
        try {
            return TokenizerJsonReader.fromTree(TokenizerJsonWriter.toTree(this), null);
        } catch (FormatProblem p) {
            throw new IllegalStateException("the trained tokenizer's own JSON does not load: " + p.getMessage(), p);
        }
    }

    /**
     * Writes a Hugging Face {@code tokenizer.json} to {@code file}, atomically: readers see the old
     * file or the complete new one, never a partial one.
     */
    public void save(Path file) throws IOException {
        ObjectNode tree = TokenizerJsonWriter.toTree(this);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), tree);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
