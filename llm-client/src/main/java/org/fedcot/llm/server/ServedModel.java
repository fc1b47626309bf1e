package org.fedcot.llm.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.fedcot.llm.prompt.ChatTemplate;
import org.fedcot.models.checkpoint.ModelPath;
import org.fedcot.models.generate.GenerationOptions;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.transformer.DecoderModel;

/**
 * The model a server hosts: weights, tokenizer, chat template, and how its prompts are encoded and
 * its generations end. It only describes: a server's {@link GenerationScheduler} generates with it. The
 * weights are only read and the tokenizers are thread-safe, so requests encode their prompts on their own
 * threads.
 */
public final class ServedModel {
    private final String id;
    private final DecoderModel model;
    private final Tokenizer tokenizer;
    private final ChatTemplate chatTemplate;
    private final Set<Integer> stopIds;

    private ServedModel(
            String id, DecoderModel model, Tokenizer tokenizer, ChatTemplate chatTemplate, Set<Integer> stopIds) {
        this.id = id;
        this.model = model;
        this.tokenizer = tokenizer;
        this.chatTemplate = chatTemplate;
        this.stopIds = Set.copyOf(stopIds);
    }

    /**
     * Loads what {@code --model PATH} names (a Hugging Face directory or a llama2.c checkpoint, see
     * {@link ModelPath}), with {@code tokenizerPath} or the model's own tokenizer, and the chat template
     * beside that tokenizer. Generation ends at the config's and the tokenizer's end-of-sequence ids,
     * and for llama2.c also at BOS, where run.c stops.
     *
     * @param servedName the model id clients must name, or null for the directory name, or the checkpoint
     *                   file's name without its extension ("stories260K" for stories260K.bin)
     */
    public static ServedModel load(Path modelPath, Path tokenizerPath, String servedName) throws IOException {
        return load(modelPath, null, tokenizerPath, servedName);
    }

    /**
     * As {@link #load(Path, Path, String)}, with the PEFT LoRA adapter in {@code adapterDir} folded into
     * the model's weights (see {@link ModelPath#load(Path, Path)}); null serves the model alone.
     */
    public static ServedModel load(Path modelPath, Path adapterDir, Path tokenizerPath, String servedName)
            throws IOException {
        DecoderModel model = ModelPath.load(modelPath, adapterDir);
        Tokenizer tokenizer = ModelPath.tokenizer(modelPath, tokenizerPath, model);
        ChatTemplate template = ChatTemplate.forTokenizer(tokenizerPath != null ? tokenizerPath : modelPath);
        Set<Integer> stops = new HashSet<>(model.config().eosTokenIds());
        tokenizer.eosId().ifPresent(stops::add);
        if (ModelPath.isLlama2c(modelPath)) {
            tokenizer.bosId().ifPresent(stops::add);
        }
        String id = servedName != null ? servedName : defaultId(modelPath);
        return new ServedModel(id, model, tokenizer, template, stops);
    }

    private static String defaultId(Path modelPath) {
        String name = modelPath.toAbsolutePath().normalize().getFileName().toString();
        int dot = name.lastIndexOf('.');
        return ModelPath.isLlama2c(modelPath) && dot > 0 ? name.substring(0, dot) : name;
    }

    /** The id clients name in "model" and /v1/models lists. */
    public String id() {
        return id;
    }

    /** The most positions a prompt and its completion may take together (max_position_embeddings). */
    public int contextLength() {
        return model.config().maxPositionEmbeddings();
    }

    /** The weights. */
    public DecoderModel model() {
        return model;
    }

    /** The tokenizer prompts are encoded with. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** How chat messages become the prompt. */
    public ChatTemplate chatTemplate() {
        return chatTemplate;
    }

    /** Token ids that end a generation when drawn. */
    public Set<Integer> stopIds() {
        return stopIds;
    }

    /**
     * A completion prompt's ids: the text with the tokenizer's special tokens (BOS where it adds one); an
     * empty text starts from BOS, or EOS, alone.
     */
    int[] completionPrompt(String text) {
        int[] ids = tokenizer.encode(text, true);
        if (ids.length > 0) {
            return ids;
        }
        OptionalInt bos = model.config().bosTokenId();
        OptionalInt start =
                bos.isPresent() ? bos : tokenizer.bosId().isPresent() ? tokenizer.bosId() : tokenizer.eosId();
        if (start.isEmpty()) {
            throw ApiException.badRequest(
                    "prompt", "The prompt is empty and the tokenizer has no BOS or EOS token to start from.");
        }
        return new int[] {start.getAsInt()};
    }

    /**
     * A rendered chat prompt's ids. A model's own template writes its special tokens (bos_token
     * included) itself, so they are not added again, as transformers does; the fallback layout gets them.
     */
    int[] chatPrompt(String rendered) {
        if (chatTemplate.isFallback()) {
            return completionPrompt(rendered);
        }
        int[] ids = tokenizer.encode(rendered, false);
        if (ids.length == 0) {
            throw ApiException.badRequest("messages", "The chat template rendered these messages as an empty prompt.");
        }
        return ids;
    }

    /** How a generation of at most {@code maxNew} tokens ends: at those, a stop id, or one of {@code stops}. */
    GenerationOptions options(int maxNew, List<String> stops) {
        return new GenerationOptions(maxNew, stopIds, stops);
    }
}
