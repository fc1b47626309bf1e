package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
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
    private static final String STORY = "Once upon a time, there was a little girl named Lily. She loved to play outside"
            + " in the garden with her friends.";
    private static TokenVocabulary stories;

    @BeforeAll
    static void load() throws IOException {
        stories = TokenVocabulary.load(SharedFiles.path("models/stories260K/stories260K.bin"),
                SharedFiles.path("models/stories260K/tok512.bin"));
    }

    @Test
    void theTokenSetIsTheReferenceFilter() {
        Tokenizer tok = stories.tokenizer();
        int inSet = 0;
        for (int id = 0; id < tok.vocabSize(); id++) {
            String word = stories.word(id);
            boolean expected = TokenFilter.isWordStart(tok.token(id)) && word != null && word.length() >= 4
                    && word.length() <= 15 && word.chars().allMatch(Character::isLetter)
                    && !word.equals(word.toUpperCase()) && id != 1 && id != 2;
            assertEquals(expected, stories.row(id) >= 0, "token " + id + " '" + tok.token(id) + "'");
            inSet += expected ? 1 : 0;
        }
        assertEquals(inSet, stories.table().size());
        assertTrue(inSet > 10, inSet + " tokens in the set"); // a 512-token vocabulary has few whole long words
        assertEquals(64, stories.table().dim());
    }

    @Test
    void aHugeEpsGivesTheTextBackAndOtherTokensNeverChange() {
        TokenPerturber exact = new TokenPerturber(stories, PerturbOptions.of(MechanismKind.RANTEXT, 1e6));
        Perturbation same = exact.perturb(STORY, new SplittableRandom(1));
        assertEquals(STORY, same.text());
        assertEquals(stories.tokenizer().encode(STORY, false).length, same.counts().units());
        TokenPerturber p = new TokenPerturber(stories, PerturbOptions.of(MechanismKind.RANTEXT, 2));
        Perturbation out = p.perturb(STORY, new SplittableRandom(1));
        assertNotEquals(STORY, out.text());
        assertTrue(out.counts().changed() > 0, out.counts().toString());
        int[] before = stories.tokenizer().encode(STORY, false);
        int[] after = stories.tokenizer().encode(out.text(), false);
        assertEquals(before.length, after.length, out.text()); // swapped word tokens re-encode to themselves here
        for (int i = 0; i < before.length; i++) {
            if (stories.row(before[i]) < 0) {
                assertEquals(before[i], after[i], "token " + i + " is outside the set and must pass through");
            }
        }
    }

    @Test
    void exactTablesOnModelEmbeddingsAreTheDefinitionsAndDrawsFollowThem() {
        EmbeddingTable t = stories.table();
        double[][] v = Fixtures.vectors(t);
        int x = t.row(" little");
        assertTrue(x >= 0);
        double[] san = new PerturbationEngine(new SanText(3), t, 1 << 20).distribution(x).probabilities(null).dense(t.size());
        double[] expected = Definitions.santext(v, x, 3, 2);
        for (int r = 0; r < t.size(); r++) {
            assertEquals(expected[r], san[r], 1e-6 * expected[r] + 1e-12);
        }
        OutputDistribution d = new PerturbationEngine(new SanText(3), t, 1 << 20).distribution(x);
        Stats.assertFits("santext stories260K ' little'", san, Stats.counts(d, t.size(), 20_000, 3));
        RanText.Input ran = (RanText.Input) new PerturbationEngine(new RanText(3, t), t, 1 << 20).distribution(x);
        double[] given = ran.conditional(0.2).dense(t.size());
        double[] definition = Definitions.rantextGiven(v, x, 0.2, 3);
        for (int r = 0; r < t.size(); r++) {
            assertEquals(definition[r], given[r], 1e-6 * definition[r] + 1e-12);
        }
    }

    @Test
    void aHuggingFaceCheckpointWithTheLlama2Tokenizer(@TempDir Path dir) throws IOException {
        Path tokenizer = SharedFiles.path("models/tokenizers/llama2-tokenizer/tokenizer.bin");
        TransformerConfig config = TransformerConfig.builder(ModelType.LLAMA).vocabSize(32_000).hiddenSize(16)
                .intermediateSize(32).numLayers(1).numHeads(2).numKvHeads(1).maxPositionEmbeddings(32).build();
        HfCheckpointWriter.saveSharded(DecoderModel.random(config, 7), dir, 1 << 20);
        assertTrue(Files.exists(dir.resolve("model.safetensors.index.json")), "the embedding is read through the index");
        Files.copy(tokenizer, dir.resolve("tokenizer.bin"));
        TextPerturber p = Perturbers.open(dir, null, PerturbOptions.of(MechanismKind.CUSTEXT, 1));
        TokenVocabulary vocab = ((TokenPerturber) p).vocabulary();
        assertTrue(vocab.table().size() > 10_000, vocab.table().size() + " tokens in the set");
        String text = "The doctor walked along the river.";
        long inSet = Arrays.stream(vocab.tokenizer().encode(text, false)).filter(id -> vocab.row(id) >= 0).count();
        assertEquals(4, inSet); // doctor, walked, along, river; not The, the, "."
        Perturbation out = p.perturb(text, new SplittableRandom(4));
        assertEquals(4, out.counts().perturbed(), out.text());
        assertTrue(out.text().startsWith("The ") && out.text().endsWith("."), out.text());
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
        EmbeddingsException e = assertThrows(EmbeddingsException.class, () -> TokenVocabulary.load(
                SharedFiles.path("models/stories260K/stories260K.bin"),
                SharedFiles.path("models/tokenizers/llama2-tokenizer/tokenizer.bin")));
        assertTrue(e.getMessage().contains("the embedding matrix has 512 rows but the tokenizer has 32000 tokens"),
                e.getMessage());
    }
}
