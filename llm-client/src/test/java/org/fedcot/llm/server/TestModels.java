package org.fedcot.llm.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.fedcot.models.checkpoint.HfCheckpointWriter;
import org.fedcot.models.generate.ContinuationText;
import org.fedcot.models.generate.Generation;
import org.fedcot.models.generate.GenerationOptions;
import org.fedcot.models.generate.Generator;
import org.fedcot.models.generate.Sampler;
import org.fedcot.models.tokenizer.hf.BpeTrainer;
import org.fedcot.models.tokenizer.hf.TrainedBpe;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TransformerConfig;
import org.fedcot.testing.SharedFiles;

/**
 * The models the server tests host, each loaded once per JVM: llama2.c's real stories260K from the
 * shared folder, for the comparisons with llama2.c's own output; and, for everything else, two random
 * models written here as Hugging Face directories, each beside a byte-level BPE trained here on
 * {@link #CORPUS}: a Llama without chat template or end-of-sequence token, and a Qwen2 with a ChatML
 * chat template written here.
 */
final class TestModels {
    /** What the tokenizers are trained on: the tests' prompts and a few sentences like them. */
    private static final List<String> CORPUS = List.of(
            "Once upon a time, there was a little girl named Lily. She liked to play in the park.",
            "Lily and Ben went to the park. They saw a big dog and a little cat.",
            "The cat sat on the mat. The sun was warm and the sky was blue.",
            "Tom had a red ball. Tom and his dog played with the ball all day.",
            "One day, a bird flew over the tree. Sam saw a bird and smiled.",
            "There was a big car. Mom said: \"The little car is fast!\" A girl named Sue laughed.",
            "Tell me a story. Name a colour. You are terse. Hi there, new line.",
            "Story 1: Lily went home. Story 2: Tom saw a word. The end.");

    /**
     * ChatML as Qwen3 lays it out for the messages the tests send: each message in {@code <|im_start|>role}
     * ... {@code <|im_end|>} lines, the assistant's opening, and an empty think block when
     * enable_thinking is false.
     */
    private static final String CHAT_TEMPLATE = """
            {%- for message in messages %}
                {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}
            {%- endfor %}
            {%- if add_generation_prompt %}
                {{- '<|im_start|>assistant\\n' }}
                {%- if enable_thinking is defined and enable_thinking is false %}
                    {{- '<think>\\n\\n</think>\\n\\n' }}
                {%- endif %}
            {%- endif %}
            """;

    private static ServedModel stories;
    private static ServedModel llama;
    private static ServedModel qwen;

    private TestModels() {}

    /** stories260K (llama2.c checkpoint, tok512.bin tokenizer, no chat template), served as "stories260K". */
    static synchronized ServedModel stories() throws IOException {
        if (stories == null) {
            stories = ServedModel.load(
                    SharedFiles.path("models/stories260K/stories260K.bin"),
                    SharedFiles.path("models/stories260K/tok512.bin"),
                    "stories260K");
        }
        return stories;
    }

    /**
     * A random Llama (hidden 16, two layers, 512 positions, no BOS or EOS) beside a BPE of 400 tokens
     * without special tokens, so every generation runs to its max_tokens; served under its directory
     * name "tiny-llama". Without a chat template, chats are "role: content" lines.
     */
    static synchronized ServedModel tinyLlama() throws IOException {
        if (llama == null) {
            Path dir = Files.createTempDirectory("fedcot-serve-test").resolve("tiny-llama");
            Files.createDirectories(dir);
            TrainedBpe bpe = trainedTokenizer(List.of(), dir);
            TransformerConfig config = TransformerConfig.builder(ModelType.LLAMA)
                    .vocabSize(bpe.vocab().size())
                    .hiddenSize(16)
                    .intermediateSize(32)
                    .numLayers(2)
                    .numHeads(2)
                    .numKvHeads(1)
                    .maxPositionEmbeddings(512)
                    .bosTokenId(OptionalInt.empty())
                    .eosTokenIds(List.of())
                    .build();
            HfCheckpointWriter.save(DecoderModel.random(config, 11), dir);
            llama = ServedModel.load(dir, null, null);
            deleteOnExit(dir);
        }
        return llama;
    }

    /**
     * A random Qwen2 model (hidden 16, one layer) beside a BPE whose special tokens are ChatML's and a
     * tokenizer_config.json with {@link #CHAT_TEMPLATE} and EOS {@code <|im_end|>}, served under its
     * directory name "tiny-qwen".
     */
    static synchronized ServedModel tinyQwen() throws IOException {
        if (qwen == null) {
            Path dir = Files.createTempDirectory("fedcot-serve-test").resolve("tiny-qwen");
            Files.createDirectories(dir);
            TrainedBpe bpe = trainedTokenizer(List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>"), dir);
            ObjectNode tokenizerConfig = Api.JSON
                    .createObjectNode()
                    .put("chat_template", CHAT_TEMPLATE)
                    .put("eos_token", "<|im_end|>")
                    .putNull("bos_token");
            Files.writeString(dir.resolve("tokenizer_config.json"), tokenizerConfig.toString());
            TransformerConfig config = TransformerConfig.builder(ModelType.QWEN2)
                    .vocabSize(bpe.vocab().size())
                    .hiddenSize(16)
                    .intermediateSize(32)
                    .numLayers(1)
                    .numHeads(2)
                    .numKvHeads(1)
                    .maxPositionEmbeddings(128)
                    .tieWordEmbeddings(true)
                    .eosTokenIds(List.of())
                    .build();
            HfCheckpointWriter.save(DecoderModel.random(config, 7), dir);
            qwen = ServedModel.load(dir, null, null);
            deleteOnExit(dir);
        }
        return qwen;
    }

    /** Trains a 400-token BPE on {@link #CORPUS} and saves it as {@code dir/tokenizer.json}. */
    private static TrainedBpe trainedTokenizer(List<String> specialTokens, Path dir) throws IOException {
        TrainedBpe bpe = new BpeTrainer(400, specialTokens).train(CORPUS);
        if (bpe.vocab().size() != 400) {
            throw new IllegalStateException(
                    "the corpus gave only " + bpe.vocab().size() + " tokens, not 400");
        }
        bpe.save(dir.resolve("tokenizer.json"));
        return bpe;
    }

    /** What {@link Generator} itself produces for {@code prompt}: the reference a server answer must equal. */
    static Generation direct(ServedModel m, int[] prompt, int maxNew, List<String> stops, Sampler sampler) {
        return new Generator(m.model(), ContinuationText.of(m.tokenizer()))
                .generate(prompt, new GenerationOptions(maxNew, m.stopIds(), stops), sampler);
    }

    /** {@link #direct} for the completion prompt of {@code prompt}, drawn greedily. */
    static Generation greedy(ServedModel m, String prompt, int maxNew, List<String> stops) {
        return direct(m, m.completionPrompt(prompt), maxNew, stops, Sampler.greedy());
    }

    /** Registers the directory, then its files: the JVM deletes in reverse order, files first. */
    private static void deleteOnExit(Path dir) {
        dir.getParent().toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().deleteOnExit());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
