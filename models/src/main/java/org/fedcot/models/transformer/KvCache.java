package org.fedcot.models.transformer;

import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.Workspace;

/**
 * The keys and values a model has computed for the tokens fed so far, per layer, so each new token
 * attends to them without recomputing them. Made by {@link DecoderModel#newCache}; every batch row
 * advances together. It also owns the workspace the cached forward pass draws its activations from,
 * so a generation loop stops allocating after its first steps.
 */
public final class KvCache {
    private final int batch;
    private final int capacity;
    private final int kvHeads;
    private final int headDim;
    private final Tensor[] keys;
    private final Tensor[] values;
    private final Workspace workspace = new Workspace();
    private int length;

    KvCache(int layers, int batch, int capacity, int kvHeads, int headDim) {
        this(batch, capacity, kvHeads, headDim, new Tensor[layers], new Tensor[layers]);
        if (batch <= 0 || capacity <= 0) {
            throw new IllegalArgumentException(
                    "kv cache: batch " + batch + " and capacity " + capacity + " must be positive");
        }
        for (int l = 0; l < layers; l++) {
            keys[l] = Tensor.zeros(batch, capacity, kvHeads, headDim).named("cache.keys." + l);
            values[l] = Tensor.zeros(batch, capacity, kvHeads, headDim).named("cache.values." + l);
        }
    }

    /** A cache over the given per-layer storage, which may hold more positions per row than capacity. */
    private KvCache(int batch, int capacity, int kvHeads, int headDim, Tensor[] keys, Tensor[] values) {
        this.batch = batch;
        this.capacity = capacity;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.keys = keys;
        this.values = values;
    }

    /** Number of sequences fed side by side. */
    public int batch() {
        return batch;
    }

    /** The most positions the cache holds. */
    public int capacity() {
        return capacity;
    }

    /** Positions cached so far: the position the next token will take. */
    public int length() {
        return length;
    }

    /** Forgets every cached position, to start a new sequence with the same storage. */
    public void reset() {
        length = 0;
    }

    /**
     * An empty cache of {@code capacity} positions per row over this cache's storage, with a workspace
     * of its own, or null when the storage holds fewer positions. For the next sequence of a slot:
     * storage allocated afresh is memory the process touches for the first time, page by page. This
     * cache is not to be used after.
     */
    KvCache reuse(int capacity) {
        if (capacity <= 0 || capacity > stride()) {
            return null;
        }
        return new KvCache(batch, capacity, kvHeads, headDim, keys, values);
    }

    /**
     * A new cache whose row i holds the first {@code length} positions of this cache's row
     * {@code rows[i]}, with room for {@code capacity} positions: several continuations of prefixes
     * fed once (a row may be named more than once). Its length is {@code length}.
     *
     * @throws IllegalArgumentException if rows is empty or names no row of this cache, or if length is
     *                                  negative, beyond what is cached, or over capacity
     */
    public KvCache gather(int[] rows, int length, int capacity) {
        if (rows.length == 0 || length < 0 || length > this.length || length > capacity) {
            throw new IllegalArgumentException("kv cache: cannot gather " + rows.length + " rows of " + length
                    + " positions (" + this.length + " cached) into a capacity of " + capacity);
        }
        KvCache out = new KvCache(keys.length, rows.length, capacity, kvHeads, headDim);
        int row = kvHeads * headDim;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= batch) {
                throw new IllegalArgumentException("kv cache: row " + rows[i] + " is outside the batch of " + batch);
            }
            int src = rows[i] * stride() * row;
            int dst = i * capacity * row;
            for (int l = 0; l < keys.length; l++) {
                System.arraycopy(keys[l].hostData(), src, out.keys[l].hostData(), dst, length * row);
                System.arraycopy(values[l].hostData(), src, out.values[l].hostData(), dst, length * row);
            }
        }
        out.length = length;
        return out;
    }

    /** Whether this cache was made for a model of {@code config}'s shape. */
    boolean fits(TransformerConfig config) {
        return keys.length == config.numLayers() && kvHeads == config.numKvHeads() && headDim == config.headDim();
    }

    /** Copies the new tokens' keys and values [batch, T, kvHeads, headDim] to positions [length, length + T). */
    void write(int layer, Tensor k, Tensor v) {
        write(layer, length, k, v);
    }

    /** Copies keys and values [batch, T, kvHeads, headDim] to positions [position, position + T). */
    void write(int layer, int position, Tensor k, Tensor v) {
        int T = k.dim(1);
        Shapes.requireShape("kv cache", k, batch, T, kvHeads, headDim);
        Shapes.requireShape("kv cache", v, batch, T, kvHeads, headDim);
        int row = kvHeads * headDim;
        for (int b = 0; b < batch; b++) {
            int dst = (b * stride() + position) * row;
            System.arraycopy(k.hostData(), k.offset() + b * T * row, keys[layer].hostData(), dst, T * row);
            System.arraycopy(v.hostData(), v.offset() + b * T * row, values[layer].hostData(), dst, T * row);
        }
    }

    Tensor keys(int layer) {
        return keys[layer];
    }

    Tensor values(int layer) {
        return values[layer];
    }

    void advance(int tokens) {
        length += tokens;
    }

    Workspace workspace() {
        return workspace;
    }

    /** Positions each row's storage holds: capacity, or more for a cache that {@link #reuse}s storage. */
    private int stride() {
        return keys[0].dim(1);
    }
}
