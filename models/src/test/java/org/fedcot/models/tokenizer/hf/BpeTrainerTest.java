package org.fedcot.models.tokenizer.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.fedcot.models.tokenizer.MadeTexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTrainerTest {
    private static final List<String> SPECIALS = List.of("<|endoftext|>", "<|pad|>");

    @Test
    void mergesFollowCountsThenSmallestIds() {
        TrainedBpe trained = new BpeTrainer(256 + 7, List.of()).train(List.of("low lower lowest"));
        // Words "low", "Ġlower", "Ġlowest": l-o and o-w occur 3 times (l has the smaller id), then
        // Ġ-low and low-e twice (Ġ's byte id is below the new "low"), then the ties at one
        // occurrence go to the smallest left id.
        assertEquals(
                List.of(
                        merge("l", "o"),
                        merge("lo", "w"),
                        merge("Ġ", "low"),
                        merge("Ġlow", "e"),
                        merge("s", "t"),
                        merge("Ġlowe", "r"),
                        merge("Ġlowe", "st")),
                trained.merges());
        assertEquals(263, trained.vocab().size());
        assertArrayEquals(
                new int[] {trained.vocab().indexOf("low"), trained.vocab().indexOf("Ġlowest")},
                trained.tokenizer().encode("low lowest", false));
    }

    @Test
    void savedTokenizerLoadsBackIdentically(@TempDir Path dir) throws Exception {
        List<String> corpus = MadeTexts.of(4000, 1);
        TrainedBpe trained = new BpeTrainer(1500, SPECIALS).train(corpus);
        Path file = dir.resolve("tokenizer.json");
        trained.save(file);
        HfTokenizer loaded = HfTokenizer.load(file);
        HfTokenizer inMemory = trained.tokenizer();

        assertEquals(1500, loaded.vocabSize());
        for (int id = 0; id < loaded.vocabSize(); id++) {
            assertEquals(trained.vocab().get(id), loaded.token(id), "token " + id);
        }
        List<TrainedBpe.Merge> loadedMerges =
                loaded.merges().stream().map(m -> merge(m[0], m[1])).toList();
        assertEquals(trained.merges(), loadedMerges);
        assertEquals(1500 - 256 - SPECIALS.size(), loadedMerges.size());
        for (String text : MadeTexts.of(2000, 2)) {
            int[] ids = loaded.encode(text, true);
            assertArrayEquals(inMemory.encode(text, true), ids, text);
            assertEquals(text, loaded.decode(ids));
        }
        assertArrayEquals(new int[] {0}, loaded.encode("<|endoftext|>", false));
        assertEquals(OptionalInt.of(0), loaded.eosId());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "the atomic save leaves no temporary file");
        }
    }

    @Test
    void savedFileHasHuggingFaceSchema(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokenizer.json");
        new BpeTrainer(300, SPECIALS)
                .train(List.of("a tiny corpus, a tiny test"))
                .save(file);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertEquals("1.0", root.get("version").textValue());
        assertTrue(root.get("normalizer").isNull());
        assertEquals("ByteLevel", root.get("pre_tokenizer").get("type").textValue());
        assertEquals("ByteLevel", root.get("post_processor").get("type").textValue());
        assertEquals("ByteLevel", root.get("decoder").get("type").textValue());
        assertEquals("BPE", root.get("model").get("type").textValue());
        JsonNode model = root.get("model");
        assertEquals(
                SPECIALS.size() + 256 + model.get("merges").size(),
                model.get("vocab").size());
        assertTrue(model.get("merges").get(0).isTextual());
        JsonNode added = root.get("added_tokens");
        assertEquals(SPECIALS.size(), added.size());
        assertEquals("<|pad|>", added.get(1).get("content").textValue());
        assertTrue(added.get(1).get("special").booleanValue());
    }

    @Test
    void trainingIsDeterministic() {
        List<String> corpus = MadeTexts.of(1000, 1);
        assertEquals(new BpeTrainer(800, SPECIALS).train(corpus), new BpeTrainer(800, SPECIALS).train(corpus));
    }

    @Test
    void refusesSizesWithoutRoomForBytesAndSpecials() {
        assertThrows(IllegalArgumentException.class, () -> new BpeTrainer(257, SPECIALS));
        assertThrows(IllegalArgumentException.class, () -> new BpeTrainer(300, List.of("<a>", "<a>")));
    }

    private static TrainedBpe.Merge merge(String left, String right) {
        return new TrainedBpe.Merge(left, right);
    }
}
