package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedcot.models.checkpoint.HfCheckpointWriter;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.tokenizer.Tokenizers;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TransformerConfig;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token level over real model embeddings: llama2.c's stories260K with its 512-token tokenizer, and
 * Hugging Face checkpoints the models module writes, with the 32,000-token Llama 2 tokenizer.
 */
class TokenPerturberTest {
    private static final String STORY =
            "Once upon a time, there was a little girl named Lily. She loved to play outside"
                    + " in the garden with her friends.";
    private static TokenVocabulary stories;

    @BeforeAll
    static void load() throws IOException {
        stories = TokenVocabulary.load(
                SharedFiles.path("models/stories260K/stories260K.bin"),
                SharedFiles.path("models/stories260K/tok512.bin"));
    }

    @Test
    void theTokenSetIsTheReferenceFilter() {
        Tokenizer tok = stories.tokenizer();
        int inSet = 0;
        for (int id = 0; id < tok.vocabSize(); id++) {
            String word = stories.word(id);
            boolean expected = TokenFilter.isWordStart(tok.token(id))
                    && word != null
                    && word.length() >= 4
                    && word.length() <= 15
                    && word.chars().allMatch(Character::isLetter)
                    && !word.equals(word.toUpperCase())
                    && id != 1
                    && id != 2;
            assertEquals(expected, stories.row(id) >= 0, "token " + id + " '" + tok.token(id) + "'");
            inSet += expected ? 1 : 0;
        }
        assertEquals(inSet, stories.table().size());
        assertTrue(inSet > 10, inSet + " tokens in the set"); // a 512-token vocabulary has few whole long words
        assertEquals(64, stories.table().dim());
    }

    @Test
    void aHugeEpsGivesTheTextBackAndOtherTokensNeverChange() {
        // swapped word tokens re-encode to themselves here
        TokenPerturberChecks.hugeEpsGivesTheTextBackAndOtherTokensNeverChange(stories, STORY);
    }

    @Test
    void exactTablesOnModelEmbeddingsAreTheDefinitionsAndDrawsFollowThem() {
        TokenPerturberChecks.exactTablesAreTheDefinitionsAndDrawsFollowThem(
                stories, " little", "santext stories260K ' little'");
    }

    @Test
    void aHuggingFaceCheckpointWithTheLlama2Tokenizer(@TempDir Path dir) throws IOException {
        Path tokenizer = SharedFiles.path("models/tokenizers/llama2-tokenizer/tokenizer.bin");
        TransformerConfig config = TransformerConfig.builder(ModelType.LLAMA)
                .vocabSize(32_000)
                .hiddenSize(16)
                .intermediateSize(32)
                .numLayers(1)
                .numHeads(2)
                .numKvHeads(1)
                .maxPositionEmbeddings(32)
                .build();
        HfCheckpointWriter.saveSharded(DecoderModel.random(config, 7), dir, 1 << 20);
        assertTrue(
                Files.exists(dir.resolve("model.safetensors.index.json")), "the embedding is read through the index");
        Files.copy(tokenizer, dir.resolve("tokenizer.bin"));
        TextPerturber p = Perturbers.open(dir, null, PerturbOptions.of(MechanismKind.CUSTEXT, 1));
        TokenVocabulary vocab = ((TokenPerturber) p).vocabulary();
        assertTrue(vocab.table().size() > 10_000, vocab.table().size() + " tokens in the set");
        TokenPerturberChecks.perturbsTheFourLongWords(p);
        Path single = dir.resolve("single");
        HfCheckpointWriter.save(DecoderModel.random(config, 8), single);
        TokenVocabulary fromFile = TokenVocabulary.load(single.resolve("model.safetensors"), tokenizer);
        assertEquals(vocab.table().size(), fromFile.table().size());
    }

    @Test
    void byteLevelTokensAreCheckedDecoded() throws IOException {
        Tokenizer gpt2 = Tokenizers.load(SharedFiles.path("models/tokenizers/gpt2-tokenizer"));
        int rows = gpt2.vocabSize();
        TokenVocabulary vocab = TokenVocabulary.of(gpt2, new float[rows * 4], rows, 4);
        assertTrue(vocab.row(gpt2.encode(" river", false)[0]) >= 0);
        assertEquals(-1, vocab.row(gpt2.encode("river", false)[0]), "not word-start");
        assertEquals(-1, vocab.row(gpt2.encode(" NASA", false)[0]), "all upper case");
        assertEquals(-1, vocab.row(gpt2.encode(" the", false)[0]), "three letters");
        for (int row = 0; row < vocab.table().size(); row++) {
            String word = vocab.word(vocab.id(row));
            assertTrue(word.codePoints().allMatch(Character::isLetter), word);
        }
    }

    @Test
    void aTokenizerLargerThanTheEmbeddingIsRefused() {
        EmbeddingsException e = assertThrows(
                EmbeddingsException.class,
                () -> TokenVocabulary.load(
                        SharedFiles.path("models/stories260K/stories260K.bin"),
                        SharedFiles.path("models/tokenizers/llama2-tokenizer/tokenizer.bin")));
        assertTrue(
                e.getMessage().contains("the embedding matrix has 512 rows but the tokenizer has 32000 tokens"),
                e.getMessage());
    }
}
