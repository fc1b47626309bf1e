package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fedcot.models.checkpoint.HfCheckpointWriter;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.tokenizer.hf.BpeTrainer;
import org.fedcot.models.tokenizer.hf.TrainedBpe;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TransformerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token level over the embeddings of random Hugging Face checkpoints the models module writes, with a
 * byte-level BPE trained here on {@link #CORPUS}: the token set is the reference filter, applied to
 * decoded words; a huge eps gives the text back; the exact tables are the definitions; sharded
 * checkpoints are read; a tokenizer larger than the embedding is refused.
 */
class TokenPerturberMadeTest {
    private static final String STORY =
            "Once upon a time, there was a little girl named Lily. She loved to play outside"
                    + " in the garden with her friends.";
    /** Texts with enough long words for a token set, upper-case and emoji words, and "river" starting a text. */
    private static final List<String> CORPUS = List.of(
            STORY,
            "The doctor walked along the river. The river flows past the garden and the little house.",
            "river banks and NASA rockets; friends played outside, laughing, until evening came.",
            "Every morning the doctor visited patients, and every evening she walked home along the water.",
            "Lily loved flowers, birds, stories and music. Her brother loved trains, boats and planes.",
            "Smiles 😀 everywhere: \"What a wonderful garden!\" said the gardener to the children.");

    private static final int HIDDEN = 16;

    @TempDir
    static Path dir;

    private static TrainedBpe bpe;
    private static TokenVocabulary made;

    @BeforeAll
    static void make() throws IOException {
        // room for the corpus's words to become whole tokens
        bpe = new BpeTrainer(1000, List.of("<|endoftext|>")).train(CORPUS);
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        bpe.save(model.resolve("tokenizer.json"));
        HfCheckpointWriter.save(DecoderModel.random(config(bpe.vocab().size()), 7), model);
        made = TokenVocabulary.load(model, null);
    }

    private static TransformerConfig config(int vocab) {
        return TransformerConfig.builder(ModelType.LLAMA)
                .vocabSize(vocab)
                .hiddenSize(HIDDEN)
                .intermediateSize(32)
                .numLayers(1)
                .numHeads(2)
                .numKvHeads(1)
                .maxPositionEmbeddings(32)
                .build();
    }

    @Test
    void theTokenSetIsTheReferenceFilterOnDecodedWords() {
        Tokenizer tok = made.tokenizer();
        int inSet = 0;
        for (int id = 0; id < tok.vocabSize(); id++) {
            String decoded = tok.decode(new int[] {id});
            String word = decoded.startsWith(" ") ? decoded.substring(1) : decoded;
            boolean expected = tok.token(id).startsWith("\u0120")
                    && word.length() >= 4
                    && word.length() <= 15
                    && word.chars().allMatch(Character::isLetter)
                    && !word.equals(word.toUpperCase(Locale.ROOT));
            assertEquals(expected, made.row(id) >= 0, "token " + id + " '" + tok.token(id) + "'");
            inSet += expected ? 1 : 0;
        }
        assertEquals(inSet, made.table().size());
        assertTrue(inSet > 20, inSet + " tokens in the set");
        assertEquals(HIDDEN, made.table().dim());
        assertTrue(made.row(tok.encode(" river", false)[0]) >= 0);
        assertEquals(-1, made.row(tok.encode("river", false)[0]), "not word-start");
        assertEquals(-1, made.row(tok.encode(" NASA", false)[0]), "all upper case");
        assertEquals(-1, made.row(tok.encode(" the", false)[0]), "three letters");
        for (int id : tok.encode(" 😀", false)) {
            // byte-level spells the emoji's bytes with letters (ðŁĺĢ): the decoded word is what is checked
            assertEquals(-1, made.row(id), "emoji token " + tok.token(id));
        }
    }

    @Test
    void aHugeEpsGivesTheTextBackAndOtherTokensNeverChange() {
        // whole trained words re-encode to themselves
        TokenPerturberChecks.hugeEpsGivesTheTextBackAndOtherTokensNeverChange(made, STORY);
    }

    @Test
    void exactTablesOnModelEmbeddingsAreTheDefinitionsAndDrawsFollowThem() {
        TokenPerturberChecks.exactTablesAreTheDefinitionsAndDrawsFollowThem(
                made, "\u0120little", "santext made ' little'");
    }

    @Test
    void aShardedHuggingFaceCheckpointIsReadThroughItsIndex() throws IOException {
        Path sharded = dir.resolve("sharded");
        HfCheckpointWriter.saveSharded(DecoderModel.random(config(bpe.vocab().size()), 8), sharded, 1 << 12);
        assertTrue(
                Files.exists(sharded.resolve("model.safetensors.index.json")),
                "the embedding is read through the index");
        bpe.save(sharded.resolve("tokenizer.json"));
        TextPerturber p = Perturbers.open(sharded, null, PerturbOptions.of(MechanismKind.CUSTEXT, 1));
        TokenVocabulary vocab = ((TokenPerturber) p).vocabulary();
        assertEquals(made.table().size(), vocab.table().size());
        TokenPerturberChecks.perturbsTheFourLongWords(p);
        Path single = dir.resolve("single");
        HfCheckpointWriter.save(DecoderModel.random(config(bpe.vocab().size()), 9), single);
        TokenVocabulary fromFile =
                TokenVocabulary.load(single.resolve("model.safetensors"), sharded.resolve("tokenizer.json"));
        assertEquals(vocab.table().size(), fromFile.table().size());
    }

    @Test
    void aTokenizerLargerThanTheEmbeddingIsRefused() throws IOException {
        Path small = dir.resolve("small");
        HfCheckpointWriter.save(DecoderModel.random(config(300), 10), small);
        Path tokenizer = dir.resolve("model").resolve("tokenizer.json");
        EmbeddingsException e = assertThrows(EmbeddingsException.class, () -> TokenVocabulary.load(small, tokenizer));
        assertTrue(
                e.getMessage()
                        .contains("the embedding matrix has 300 rows but the tokenizer has "
                                + bpe.vocab().size() + " tokens"),
                e.getMessage());
    }
}
