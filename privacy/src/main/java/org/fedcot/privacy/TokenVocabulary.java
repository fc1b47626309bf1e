package org.fedcot.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.tokenizer.Tokenizers;

/**
 * A tokenizer with the input embeddings of its model, restricted to the reference's token set
 * ({@link TokenFilter}): the {@link EmbeddingTable} holds one row per token of the set (its
 * vocabulary string as the row's name), and maps token ids to rows and back.
 */
public final class TokenVocabulary {
    private static final String LLAMA2C_TOKENIZER = "tokenizer.bin";

    private final Tokenizer tokenizer;
    private final EmbeddingTable table;
    private final int[] rowOfId;
    private final int[] idOfRow;
    /** Per id: the decoded word of a word-start token, without its space; null for other tokens. */
    private final String[] words;

    private TokenVocabulary(Tokenizer tokenizer, EmbeddingTable table, int[] rowOfId, int[] idOfRow, String[] words) {
        this.tokenizer = tokenizer;
        this.table = table;
        this.rowOfId = rowOfId;
        this.idOfRow = idOfRow;
        this.words = words;
    }

    /**
     * The token set of {@code tokenizer} with rows of {@code embeddings} ([rows, dim] row-major, row =
     * token id; rows past the tokenizer's last id, padding, are ignored).
     *
     * @throws EmbeddingsException when the matrix has fewer rows than the tokenizer has ids, or no
     *     token passes the filter
     */
    public static TokenVocabulary of(Tokenizer tokenizer, float[] embeddings, int rows, int dim)
            throws EmbeddingsException {
        int vocab = tokenizer.vocabSize();
        if (dim < 1 || (long) rows * dim != embeddings.length) {
            throw new EmbeddingsException("an embedding matrix of " + rows + " x " + dim + " needs " + (long) rows * dim
                    + " values, not " + embeddings.length);
        }
        if (rows < vocab) {
            throw new EmbeddingsException("the embedding matrix has " + rows + " rows but the tokenizer has " + vocab
                    + " tokens: they do not belong together");
        }
        String[] words = new String[vocab];
        int[] rowOfId = new int[vocab];
        Arrays.fill(rowOfId, -1);
        List<String> names = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int id = 0; id < vocab; id++) {
            String token = tokenizer.token(id);
            if (!TokenFilter.isWordStart(token) || isSpecial(tokenizer, id)) {
                continue;
            }
            String decoded = tokenizer.decode(new int[] {id});
            words[id] = decoded.startsWith(" ") ? decoded.substring(1) : decoded;
            if (TokenFilter.accepts(words[id])) {
                rowOfId[id] = names.size();
                names.add(token);
                ids.add(id);
            }
        }
        if (names.isEmpty()) {
            throw new EmbeddingsException(
                    "no token of the tokenizer's " + vocab + " passes the token filter" + " (word-start, alphabetic, "
                            + TokenFilter.MIN_LENGTH + ".." + TokenFilter.MAX_LENGTH + " letters)");
        }
        int[] idOfRow = ids.stream().mapToInt(Integer::intValue).toArray();
        return new TokenVocabulary(
                tokenizer, EmbeddingTable.ofRows(names, embeddings, dim, idOfRow), rowOfId, idOfRow, words);
    }

    /**
     * The token set of the model at {@code model}: a Hugging Face directory or one of its .safetensors
     * files (the directory's tokenizer unless {@code tokenizerPath} names one), or a llama2.c
     * checkpoint file (tokenizer.bin beside it unless named).
     */
    public static TokenVocabulary load(Path model, Path tokenizerPath) throws IOException {
        Path tokenizerAt = tokenizerPath != null
                ? tokenizerPath
                : Files.isDirectory(model)
                        ? model
                        : ModelEmbeddings.isSafetensors(model)
                                ? model.toAbsolutePath().getParent()
                                : model.resolveSibling(LLAMA2C_TOKENIZER);
        if (tokenizerPath == null && !Files.exists(tokenizerAt)) {
            throw new EmbeddingsException(model + ": no " + LLAMA2C_TOKENIZER + " beside this llama2.c checkpoint;"
                    + " name its tokenizer (--tokenizer)");
        }
        Tokenizer tokenizer = Tokenizers.load(tokenizerAt);
        ModelEmbeddings.Matrix m = ModelEmbeddings.read(model);
        try {
            return of(tokenizer, m.values(), m.rows(), m.cols());
        } catch (EmbeddingsException e) {
            throw new EmbeddingsException(model + " with tokenizer " + tokenizerAt + ": " + e.getMessage(), e);
        }
    }

    private static boolean isSpecial(Tokenizer tokenizer, int id) {
        return tokenizer.bosId().orElse(-1) == id || tokenizer.eosId().orElse(-1) == id;
    }

    /** The tokenizer. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The token set's embeddings, one row per token of the set. */
    public EmbeddingTable table() {
        return table;
    }

    /** The row of token {@code id}, or -1 when the token is not in the set. */
    public int row(int id) {
        return rowOfId[id];
    }

    /** The token id of row {@code row}. */
    public int id(int row) {
        return idOfRow[row];
    }

    /** The word a word-start token stands for (decoded, without its space), or null for any other token. */
    public String word(int id) {
        return words[id];
    }
}
