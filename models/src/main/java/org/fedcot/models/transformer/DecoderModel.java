package org.fedcot.models.transformer;

import java.util.List;
import java.util.Map;
import org.fedcot.tensor.HalfWeight;
import org.fedcot.tensor.NoGrad;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.Workspace;
import org.fedcot.tensor.ops.Attention;
import org.fedcot.tensor.ops.CachedAttention;
import org.fedcot.tensor.ops.CrossEntropy;
import org.fedcot.tensor.ops.Embedding;
import org.fedcot.tensor.ops.Rotary;

/**
 * A decoder-only causal language model whose parameters are float32 tensors named as in the
 * Hugging Face checkpoint of its architecture ({@code model.layers.0.self_attn.q_proj.weight},
 * {@code gpt_neox.layers.0.attention.query_key_value.weight}, ...).
 *
 * <p>Two forward passes share the layer code: {@link #logits} / {@link #loss} for training (every
 * op records its backward, attention over the whole [batch, seqLen] window), and
 * {@link #forward(KvCache, int[], boolean)} for inference (no gradients; new tokens attend to the
 * keys and values cached for the earlier ones).
 *
 * <pre>{@code
 * DecoderModel m = DecoderModel.random(config, 42);
 * Tensor loss = m.loss(ids, ids, batch, seqLen);   // labels = ids, shifted inside
 * loss.backward();
 * KvCache cache = m.newCache(1, 256);
 * Tensor next = m.forward(cache, promptIds, false); // [1, vocab] logits of the last position
 * }</pre>
 */
public abstract sealed class DecoderModel permits LlamaModel, GptNeoXModel {
    private final TransformerConfig config;
    /** Filled by the subclass constructors, in Hugging Face's state-dict order. */
    final ParameterSet params;
    /** Runs the training pass's layers without keeping their activations; null: keep them. */
    private LayerCheckpoint checkpoint;

    /**
     * Where a pass runs: [batch, seqLen] tokens starting at position pos; cache null when training.
     * A pass over a {@link SlotCache} has rows instead: one token per row, row r in cache
     * {@code rows[r]} (pos 0 and cache null, unused), the rows of one cache consecutive, at its next
     * positions in order; rows is null otherwise. Training is thus the pass with neither cache nor rows. {@code weights}: the packed
     * weights its linear layers multiply with, or null for the weights themselves; {@code angles}: the
     * rows' rotary angles, computed once for every layer (null without rows).
     */
    record Pass(
            int batch,
            int seqLen,
            int pos,
            KvCache cache,
            KvCache[] rows,
            DecodeWeights weights,
            Rotary.Angles angles) {
        Pass(int batch, int seqLen, int pos, KvCache cache) {
            this(batch, seqLen, pos, cache, null, null, null);
        }

        /** Whether the pass decodes over a key/value cache: inference, which never takes a backward. */
        boolean decoding() {
            return cache != null || rows != null;
        }
    }

    DecoderModel(TransformerConfig config, HalfPlan halves) {
        this.config = config;
        this.params = new ParameterSet(halves);
    }

    /**
     * A model of {@code config}'s architecture with every parameter zero, ready for a checkpoint
     * loader to fill (see {@link org.fedcot.models.checkpoint.HfCheckpoint}).
     */
    public static DecoderModel create(TransformerConfig config) {
        return create(config, HalfPlan.NONE);
    }

    /**
     * A model as {@link #create(TransformerConfig)} makes it, except that the linear weights
     * {@code halves} names are frozen 16-bit weights ({@link #halfWeights()}), not parameters: such a
     * model trains only through LoRA adapters.
     */
    public static DecoderModel create(TransformerConfig config, HalfPlan halves) {
        return config.modelType().architecture().create(config, halves);
    }

    /**
     * A randomly initialised model, as Hugging Face initialises one: linear and embedding weights
     * normal(0, initializer_range), norm weights 1, biases 0; the same seed gives the same weights.
     */
    public static DecoderModel random(TransformerConfig config, long seed) {
        DecoderModel m = create(config);
        m.params.initialize(seed, config.initializerRange());
        return m;
    }

    /** The architecture this model was built for. */
    public TransformerConfig config() {
        return config;
    }

    /**
     * The parameters under their Hugging Face names, in a fixed order; unmodifiable. A tied output
     * layer is not listed separately: it is the embedding.
     */
    public Map<String, Tensor> namedParameters() {
        return params.asMap();
    }

    /**
     * The frozen 16-bit linear weights by name, in registration order (empty unless the model was
     * created with a {@link HalfPlan}); unmodifiable. They are not parameters: nothing trains them.
     */
    public Map<String, HalfWeight> halfWeights() {
        return params.halves();
    }

    /** The parameters in the order of {@link #namedParameters()}, e.g. for an optimiser. */
    public List<Tensor> parameters() {
        return List.copyOf(params.asMap().values());
    }

    /** The linear layers by module name ({@code model.layers.0.self_attn.q_proj}), in registration order. */
    Map<String, Dense> linearLayers() {
        return params.denses();
    }

    /**
     * Activation checkpointing: when on, a training forward keeps only each layer's input and recomputes
     * the layer's activations in backward, trading a second forward for memory. Gradients are the same.
     */
    public void checkpointActivations(boolean on) {
        checkpoint = on ? new LayerCheckpoint(this) : null;
    }

    /** Number of scalar weights, frozen 16-bit ones included. */
    public long parameterCount() {
        long halves = params.halves().values().stream()
                .mapToLong(w -> (long) w.rows() * w.cols())
                .sum();
        return halves + params.asMap().values().stream().mapToLong(Tensor::size).sum();
    }

    /**
     * Training forward: logits [batch, seqLen, vocab] for {@code ids} read as {@code batch} rows of
     * {@code seqLen} tokens, recording backward for every parameter that wants gradients.
     */
    public Tensor logits(int[] ids, int batch, int seqLen) {
        requireWindow("ids", ids.length, batch, seqLen);
        Pass pass = new Pass(batch, seqLen, 0, null);
        return head(hidden(ids, pass), pass).reshape(batch, seqLen, config.vocabSize());
    }

    /**
     * Mean next-token cross-entropy with Hugging Face's convention: {@code labels} is aligned with
     * {@code ids} (usually a copy of them) and shifted inside, so position t's logits are scored
     * against {@code labels[t + 1]}; labels equal to -100 ({@link CrossEntropy#IGNORE_INDEX}) count for
     * nothing.
     */
    public Tensor loss(int[] ids, int[] labels, int batch, int seqLen) {
        return loss(ids, labels, null, batch, seqLen);
    }

    /**
     * Like {@link #loss(int[], int[], int, int)} with a weight per label (aligned with labels, so
     * {@code labelWeights[t]} weighs the prediction of {@code labels[t]}): the loss is
     * {@code sum w * CE / sum w} over the counted labels. {@code labelWeights} may be null.
     */
    public Tensor loss(int[] ids, int[] labels, float[] labelWeights, int batch, int seqLen) {
        requireWindow("labels", labels.length, batch, seqLen);
        if (labelWeights != null) {
            requireWindow("labelWeights", labelWeights.length, batch, seqLen);
        }
        // shifting the labels instead of the logits: the last position of each row predicts nothing
        int n = batch * seqLen;
        int[] targets = new int[n];
        float[] weights = labelWeights == null ? null : new float[n];
        for (int i = 0; i < n; i++) {
            boolean last = i % seqLen == seqLen - 1;
            targets[i] = last ? CrossEntropy.IGNORE_INDEX : labels[i + 1];
            if (weights != null) {
                weights[i] = last ? 0f : labelWeights[i + 1];
            }
        }
        return CrossEntropy.loss(logits(ids, batch, seqLen), targets, weights, CrossEntropy.IGNORE_INDEX);
    }

    /** An empty key/value cache for {@code batch} sequences of up to {@code capacity} positions each. */
    public KvCache newCache(int batch, int capacity) {
        return new KvCache(config.numLayers(), batch, capacity, config.numKvHeads(), config.headDim());
    }

    /**
     * Inference forward: feeds {@code ids} ({@code cache.batch()} rows of T new tokens each, row-major)
     * at positions [cache.length(), cache.length() + T), appends their keys and values to the cache,
     * and returns logits: [batch, T, vocab] when {@code allPositions}, else [batch, vocab] for the last
     * new position only (the output layer then runs on that position alone). Records no gradients;
     * the returned tensor is freshly allocated and outlives any workspace.
     *
     * @throws IllegalArgumentException if the cache was made for another architecture, or would overflow
     */
    public Tensor forward(KvCache cache, int[] ids, boolean allPositions) {
        int T = newTokens(cache, ids);
        int B = cache.batch();
        int V = config.vocabSize();
        if (allPositions || T == 1) {
            return run(cache, ids, null, allPositions ? new int[] {B, T, V} : new int[] {B, V});
        }
        int[] lastRows = new int[B];
        for (int b = 0; b < B; b++) {
            lastRows[b] = b * T + T - 1;
        }
        return run(cache, ids, lastRows, B, V);
    }

    /**
     * Inference forward as {@link #forward(KvCache, int[], boolean)}, returning logits [rows.length,
     * vocab] of the chosen new positions only: {@code rows[i] = b * T + t} is row b's t-th new token.
     * The output layer, the largest single product with a real vocabulary, runs on those rows alone,
     * so scoring a few positions of long inputs does not pay for the rest.
     *
     * @throws IllegalArgumentException as the other forward, or if rows is empty or names a position
     *                                  outside [0, batch * T)
     */
    public Tensor forward(KvCache cache, int[] ids, int[] rows) {
        int T = newTokens(cache, ids);
        int n = cache.batch() * T;
        if (rows.length == 0) {
            throw new IllegalArgumentException("forward: no rows asked for");
        }
        for (int r : rows) {
            if (r < 0 || r >= n) {
                throw new IllegalArgumentException("forward: row " + r + " is outside the " + n + " new positions");
            }
        }
        return run(cache, ids, rows.clone(), rows.length, config.vocabSize());
    }

    /** Checks that ids fit the cache; returns T, the new tokens per row. */
    private int newTokens(KvCache cache, int[] ids) {
        if (!cache.fits(config)) {
            throw new IllegalArgumentException("forward: the kv cache was made for a model of another shape");
        }
        int B = cache.batch();
        if (ids.length == 0 || ids.length % B != 0) {
            throw new IllegalArgumentException(
                    "forward: " + ids.length + " ids do not split into " + B + " non-empty rows of the cache's batch");
        }
        int T = ids.length / B;
        int pos = cache.length();
        if (pos + T > cache.capacity()) {
            throw new IllegalArgumentException("forward: " + T + " new tokens at position " + pos
                    + " overflow the kv cache's capacity of " + cache.capacity());
        }
        return T;
    }

    /** The cached forward, with the output layer on the flattened positions {@code rows} (all of them when null). */
    private Tensor run(KvCache cache, int[] ids, int[] rows, int... shape) {
        int B = cache.batch();
        int T = ids.length / B;
        Tensor result = Tensor.zeros(shape);
        try (NoGrad ignored = NoGrad.enter();
                Workspace.Scope scope = cache.workspace().enter()) {
            Pass pass = new Pass(B, T, cache.length(), cache);
            Tensor x = hidden(ids, pass);
            if (rows != null) {
                x = Embedding.lookup(x, rows); // a row gather: [B*T, C] -> [rows, C]
            }
            result.copyFrom(head(x, pass));
        }
        cache.advance(T);
        return result;
    }

    /**
     * Empty caches for up to {@code slots} sequences decoded side by side, each at its own position;
     * see {@link SlotCache}.
     */
    public SlotCache newSlotCache(int slots) {
        return new SlotCache(this, slots);
    }

    /**
     * Feeds a sequence's prompt into its slot in one pass, alone, and returns the logits [1, vocab] of
     * its last position, a tensor of its own: {@link #forward(SlotCache, int[], int[][])} of that one
     * slot. With one slot it equals {@code forward(cache, prompt, false)} on a batch-1 {@link KvCache}
     * bit for bit.
     *
     * @throws IllegalArgumentException if the slot is not taken, the cache belongs to another model,
     *                                  or the prompt is empty or overflows the slot
     */
    public Tensor prefill(SlotCache cache, int slot, int[] prompt) {
        Tensor logits = forward(cache, new int[] {slot}, new int[][] {prompt});
        Tensor own = Tensor.zeros(logits.shape());
        own.copyFrom(logits);
        return own;
    }

    /**
     * One decode step over several slots at once: {@code ids[r]} is fed to {@code slots[r]} at that
     * slot's own position and appended to its cache; {@link #forward(SlotCache, int[], int[][])} with
     * one token per slot.
     *
     * @throws IllegalArgumentException as that forward, or if the lengths differ
     */
    public Tensor forward(SlotCache cache, int[] slots, int[] ids) {
        if (ids.length != slots.length) {
            throw new IllegalArgumentException(
                    "forward: " + ids.length + " ids for " + slots.length + " slots; need one id per slot");
        }
        int[][] tokens = new int[ids.length][];
        for (int r = 0; r < ids.length; r++) {
            tokens[r] = new int[] {ids[r]};
        }
        return forward(cache, slots, tokens);
    }

    /**
     * One pass over several slots, each fed its own new tokens: {@code tokens[j]} go to {@code slots[j]}
     * at that slot's next positions and are appended to its cache. So the prompts of sequences that
     * join ride in the decode step of those already running, and the weights are read once for all.
     * Rotary embedding and attention run per token, each over its own slot's cache; the linear layers
     * run over all tokens in one product, which gives each row what it gets alone; so a slot's results
     * do not depend on the slots beside it, nor on how its tokens were split over passes. A prompt
     * multiplies the weights the decode steps multiply (packed ones with several slots): so packed, a
     * five-token prompt of stories15M's shape took a sixth less time than unpacked, a 32-token one 40%
     * less. Slots not named are not computed. Returns logits [slots.length, vocab], row j those of slot j's last token,
     * valid until the slot cache's next pass.
     *
     * @throws IllegalArgumentException if no slot is named, a slot is given no tokens, is named twice,
     *                                  is not taken or has no room for its tokens, or the cache belongs
     *                                  to another model
     */
    public Tensor forward(SlotCache cache, int[] slots, int[][] tokens) {
        requireOwn(cache);
        if (slots.length == 0 || tokens.length != slots.length) {
            throw new IllegalArgumentException("forward: " + tokens.length + " token lists for " + slots.length
                    + " slots; need one per slot, at least one");
        }
        KvCache[] caches = cache.rows(slots, tokens);
        int n = 0;
        for (int[] t : tokens) {
            n += t.length;
        }
        int[] ids = new int[n];
        KvCache[] rowCaches = new KvCache[n];
        int[] positions = new int[n];
        int[] lastRows = new int[slots.length];
        for (int j = 0, i = 0; j < slots.length; j++) {
            for (int t = 0; t < tokens[j].length; t++, i++) {
                ids[i] = tokens[j][t];
                rowCaches[i] = caches[j];
                positions[i] = caches[j].length() + t;
            }
            lastRows[j] = i - 1;
        }
        Tensor logits;
        Workspace workspace = n == slots.length ? cache.workspace() : cache.promptWorkspace();
        try (NoGrad ignored = NoGrad.enter();
                Workspace.Scope scope = workspace.enter()) {
            Rotary.Angles angles = Rotary.angles(positions, config.rotaryDim(), (float) config.ropeTheta());
            Pass pass = new Pass(n, 1, 0, null, rowCaches, cache.weights(), angles);
            Tensor x = hidden(ids, pass);
            if (n > slots.length) {
                x = Embedding.lookup(x, lastRows); // each slot's last token: [n, C] -> [slots, C]
            }
            // handed out as the pass leaves them, not copied: the next pass may take the arrays again
            logits = head(x, pass);
        }
        for (int j = 0; j < slots.length; j++) {
            caches[j].advance(tokens[j].length);
        }
        return logits;
    }

    private void requireOwn(SlotCache cache) {
        if (!cache.belongsTo(this)) {
            throw new IllegalArgumentException("forward: the slot cache was made for another model");
        }
    }

    /** The residual stream [batch*seqLen, hidden] after the last layer, before the final norm. */
    private Tensor hidden(int[] ids, Pass pass) {
        Tensor x = embed(ids);
        boolean recompute = checkpoint != null && pass.cache() == null && pass.rows() == null && NoGrad.isGradEnabled();
        for (int l = 0; l < config.numLayers(); l++) {
            x = recompute ? checkpoint.layer(l, x, pass) : layer(l, x, pass);
        }
        return x;
    }

    private static void requireWindow(String what, int length, int batch, int seqLen) {
        if (batch <= 0 || seqLen <= 0 || length != batch * seqLen) {
            throw new IllegalArgumentException(
                    what + ": " + length + " values for a window of batch " + batch + " x seqLen " + seqLen);
        }
    }

    /** Token embeddings [ids.length, hidden]. */
    abstract Tensor embed(int[] ids);

    /** One decoder layer over the residual stream x [batch*seqLen, hidden]. */
    abstract Tensor layer(int index, Tensor x, Pass pass);

    /** Final norm and output layer: [rows, hidden] to logits [rows, vocab]. */
    abstract Tensor head(Tensor x, Pass pass);

    /** Rotary embedding of q or k [batch, seqLen, heads, headDim] at the pass's positions (rotate_half pairing). */
    final Tensor rope(Tensor x, Pass pass) {
        if (pass.rows() != null) {
            return Rotary.rope(x, pass.angles(), false);
        }
        return Rotary.rope(x, config.rotaryDim(), (float) config.ropeTheta(), pass.pos(), false);
    }

    /** Causal attention: over the window when training, over the cache (after appending k and v) when inferring. */
    final Tensor attend(int layer, Tensor q, Tensor k, Tensor v, Pass pass) {
        if (pass.rows() != null) {
            return RowPositions.attend(layer, q, k, v, pass.rows());
        }
        KvCache cache = pass.cache();
        if (cache == null) {
            return Attention.causal(q, k, v);
        }
        cache.write(layer, k, v);
        return CachedAttention.attend(q, cache.keys(layer), cache.values(layer), pass.pos());
    }
}
