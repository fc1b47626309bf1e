package org.fedcot.models.tokenizer.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.fedcot.models.tokenizer.MadeTexts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options the shared files do not exercise (templates, added-token flags, ignore_merges) on a
 * small tokenizer trained on made texts, and the Oniguruma whitespace rule the JS references cannot check.
 */
class PipelineOptionsTest {
    private static TrainedBpe trained;

    @BeforeAll
    static void train() {
        trained = new BpeTrainer(600, List.of("<s>", "</s>")).train(MadeTexts.of(2000, 1));
    }

    @Test
    void templateProcessingWrapsOnlyWhenAsked() throws FormatProblem {
        ObjectNode tree = tree();
        ObjectNode template = tree.putObject("post_processor").put("type", "TemplateProcessing");
        ArrayNode single = template.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", "<s>").put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        single.addObject().putObject("SpecialToken").put("id", "</s>").put("type_id", 0);
        ObjectNode specials = template.putObject("special_tokens");
        specials.putObject("<s>").put("id", "<s>").putArray("ids").add(0);
        specials.putObject("</s>").put("id", "</s>").putArray("ids").add(1);
        assertWrapsWithBosEos(TokenizerJsonReader.fromTree(tree, null));
    }

    @Test
    void robertaProcessingInASequence() throws FormatProblem {
        ObjectNode tree = tree();
        ArrayNode processors =
                tree.putObject("post_processor").put("type", "Sequence").putArray("processors");
        processors.addObject().put("type", "ByteLevel").put("trim_offsets", false);
        ObjectNode roberta = processors.addObject().put("type", "RobertaProcessing");
        roberta.putArray("cls").add("<s>").add(0);
        roberta.putArray("sep").add("</s>").add(1);
        assertWrapsWithBosEos(TokenizerJsonReader.fromTree(tree, null));
    }

    @Test
    void configBesideTheFileNamesBosAndEos(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokenizer.json");
        trained.save(file);
        Files.writeString(
                dir.resolve("tokenizer_config.json"),
                "{\"bos_token\": null, \"eos_token\": {\"content\": \"</s>\", \"special\": true}}");
        HfTokenizer tokenizer = HfTokenizer.load(file);
        assertEquals(OptionalInt.empty(), tokenizer.bosId());
        assertEquals(OptionalInt.of(1), tokenizer.eosId());
    }

    @Test
    void sharedTokenizersBosAndEos() throws Exception {
        assertEquals(OptionalInt.of(50256), SharedTokenizers.gpt2().bosId());
        assertEquals(OptionalInt.of(50256), SharedTokenizers.gpt2().eosId());
        assertEquals(OptionalInt.of(0), SharedTokenizers.neox().eosId());
        assertEquals(OptionalInt.empty(), SharedTokenizers.qwen3().bosId());
        assertEquals(OptionalInt.of(151645), SharedTokenizers.qwen3().eosId()); // <|im_end|>, from its config
        assertEquals(50257, SharedTokenizers.gpt2().vocabSize());
        assertEquals(50281, SharedTokenizers.neox().vocabSize());
        assertEquals(151669, SharedTokenizers.qwen3().vocabSize());
        assertEquals("Ġthe", SharedTokenizers.gpt2().token(262));
    }

    @Test
    void strippingAndSingleWordAddedTokens() throws FormatProblem {
        ObjectNode tree = tree();
        int mask = trained.vocab().size();
        addToken(tree, mask, "<mask>", true, true, true);
        HfTokenizer tokenizer = TokenizerJsonReader.fromTree(tree, null);
        // As HF's own test: whitespace beside each <mask> is swallowed, up to the previous match.
        assertArrayEquals(
                concat(tokenizer.encode("Hi", false), new int[] {mask}, tokenizer.encode("there", false), new int[] {
                    mask, mask
                }),
                tokenizer.encode("Hi <mask> there\t<mask>\t<mask>\u2000", false));
        // single_word: not when a word character (here a combining mark) touches it.
        assertArrayEquals(
                concat(
                        new int[] {mask},
                        tokenizer.encode(",", false),
                        new int[] {mask},
                        tokenizer.encode("- \u25CC\u0330<mask>", false)),
                tokenizer.encode("<mask>, <mask>- \u25CC\u0330<mask>", false));
    }

    @Test
    void normalizedAddedTokensMatchAfterNormalization() throws FormatProblem {
        ObjectNode tree = tree();
        tree.putObject("normalizer").put("type", "NFC");
        int cafe = trained.vocab().size();
        addToken(tree, cafe, "caf\u00e9", false, false, false).put("normalized", true);
        HfTokenizer tokenizer = TokenizerJsonReader.fromTree(tree, null);
        assertArrayEquals(
                concat(new int[] {cafe}, tokenizer.encode("!", false)), tokenizer.encode("cafe\u0301!", false));
    }

    @Test
    void ignoreMergesTakesWholeVocabularyWords() throws FormatProblem {
        ObjectNode tree = tree();
        int zq = trained.vocab().size();
        ((ObjectNode) tree.get("model").get("vocab")).put("Ġzqx", zq);
        HfTokenizer merging = TokenizerJsonReader.fromTree(tree, null);
        ((ObjectNode) tree.get("model")).put("ignore_merges", true);
        HfTokenizer ignoring = TokenizerJsonReader.fromTree(tree, null);
        assertFalse(Arrays.equals(new int[] {zq}, merging.encode(" zqx", false)));
        assertArrayEquals(new int[] {zq}, ignoring.encode(" zqx", false));
    }

    @Test
    void gpt2SplitsNextLineAsWhitespaceLikeOniguruma() throws Exception {
        // U+0085 is whitespace to Oniguruma (and so to HF) but not to JavaScript, whose references
        // therefore leave it out: " \u0085" must split as " " then "\u0085", not as one word.
        HfTokenizer gpt2 = SharedTokenizers.gpt2();
        int[] rust = concat(
                gpt2.encode("x", false),
                gpt2.encode(" ", false),
                gpt2.encode("\u0085", false),
                gpt2.encode("y", false));
        int[] javascript = concat(gpt2.encode("x", false), gpt2.encode(" \u0085", false), gpt2.encode("y", false));
        assertArrayEquals(rust, gpt2.encode("x \u0085y", false));
        assertFalse(Arrays.equals(rust, javascript));
    }

    @Test
    void aMadeTokenizerSplitsNextLineAsWhitespaceLikeOniguruma() {
        // Trained on " " + each of U+0080..U+009F but U+0085 (one word each: no whitespace, letter or digit),
        // its one merge joins the space with their common UTF-8 lead byte C2, which U+0085 shares: read
        // as one word, as JavaScript would, " \u0085" would take that merge.
        List<String> corpus = IntStream.rangeClosed(0x80, 0x9F)
                .filter(c -> c != 0x85)
                .mapToObj(c -> "x " + (char) c + "y")
                .toList();
        HfTokenizer made = new BpeTrainer(257, List.of()).train(corpus).tokenizer();
        int[] rust = concat(
                made.encode("x", false),
                made.encode(" ", false),
                made.encode("\u0085", false),
                made.encode("y", false));
        int[] javascript = concat(made.encode("x", false), made.encode(" \u0085", false), made.encode("y", false));
        assertArrayEquals(rust, made.encode("x \u0085y", false));
        assertEquals(2, made.encode(" \u0085", false).length, "the space and C2 merged, then 85");
        assertFalse(Arrays.equals(rust, javascript));
    }

    private static void assertWrapsWithBosEos(HfTokenizer tokenizer) {
        int[] plain = tokenizer.encode("hello world", false);
        int[] wrapped = tokenizer.encode("hello world", true);
        assertArrayEquals(concat(new int[] {0}, plain, new int[] {1}), wrapped);
        assertEquals(OptionalInt.of(0), tokenizer.bosId());
        assertEquals(OptionalInt.of(1), tokenizer.eosId());
        assertEquals("<s>hello world</s>", tokenizer.decode(wrapped));
    }

    private static ObjectNode tree() {
        return TokenizerJsonWriter.toTree(trained);
    }

    private static ObjectNode addToken(
            ObjectNode tree, int id, String content, boolean lstrip, boolean rstrip, boolean singleWord) {
        return ((ArrayNode) tree.get("added_tokens"))
                .addObject()
                .put("id", id)
                .put("content", content)
                .put("special", false)
                .put("normalized", false)
                .put("lstrip", lstrip)
                .put("rstrip", rstrip)
                .put("single_word", singleWord);
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(IntStream::of).toArray();
    }
}
