package org.fedcot.models.transformer;

import java.util.BitSet;
import org.fedcot.tensor.Backend;
import org.fedcot.tensor.Workspace;

/**
 * Key/value caches for sequences decoded side by side, each at its own position: a fixed number of
 * slots, each holding one sequence's cache of its own length. A sequence takes a free slot with
 * {@link #acquire}, is fed its prompt (alone with {@link DecoderModel#prefill}, or beside other slots'
 * tokens with {@link DecoderModel#forward(SlotCache, int[], int[][])}) and then one token per step
 * alongside the other slots, and gives the slot back with {@link #release}, for the next sequence to
 * take. Made by {@link DecoderModel#newSlotCache}; not thread-safe.
 *
 * <p>With more than one slot, on the CPU, its passes multiply with packed copies of the model's
 * linear weights (see {@link DecodeWeights}), made on first use, so a batch step sums no vector lanes:
 * decode with a slot cache made after the model's last training step. One slot multiplies the weights
 * as they are: packed, a single sequence's steps were 7% faster once warm, but packing in a JVM that
 * has just started made a whole 252-token {@code fedcot generate} slower (6-22% on the shapes of
 * stories15M and stories110M), and it holds a second copy of the weights.
 */
public final class SlotCache {
    /**
     * Floats the workspace of passes with prompts in them may pool before it is dropped for a new one
     * (128 MiB): its arrays come in a new set of sizes for every count of tokens, so kept for good it
     * would grow with every prompt length a long-running server sees.
     */
    private static final long PROMPT_POOL_FLOATS = 32L << 20;

    private final DecoderModel model;
    private final KvCache[] caches;
    /** Slots held by a sequence; a join takes the lowest free one, so few slots' storage is used. */
    private final BitSet taken = new BitSet();
    /** Activations of the decode steps, one token per slot: the same sizes step after step. */
    private final Workspace workspace = new Workspace();
    /** Activations of passes with prompts in them, while it pools under PROMPT_POOL_FLOATS. */
    private Workspace promptWorkspace = new Workspace();
    /** Null for one slot, and on a device backend, which multiplies the weights as they are. */
    private final DecodeWeights weights;

    SlotCache(DecoderModel model, int slots) {
        if (slots <= 0) {
            throw new IllegalArgumentException("slot cache: " + slots + " slots; need at least 1");
        }
        this.model = model;
        this.caches = new KvCache[slots];
        this.weights = slots > 1 && Backend.current().onHost() ? new DecodeWeights() : null;
    }

    /** Number of slots. */
    public int slots() {
        return caches.length;
    }

    /** Number of slots no sequence holds. */
    public int freeSlots() {
        return caches.length - taken.cardinality();
    }

    /**
     * Takes a free slot for a sequence of up to {@code capacity} positions. The slot's cache is empty,
     * over the storage of the slot's last sequence when that holds {@code capacity} positions, else
     * new. A server whose requests took fresh storage each spent a fifth of its time on the first
     * touch of that memory (measured on stories15M's shape, 8 clients); a slot so keeps the largest
     * storage a sequence of it needed since. (A slot's passes draw their activations from this slot
     * cache's workspaces, not the cache's own.)
     *
     * @throws IllegalStateException    if every slot is taken
     * @throws IllegalArgumentException if capacity is not positive
     */
    public int acquire(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("slot cache: capacity " + capacity + " must be positive");
        }
        int slot = taken.nextClearBit(0);
        if (slot >= caches.length) {
            throw new IllegalStateException("slot cache: all " + caches.length + " slots are taken");
        }
        KvCache reused = caches[slot] == null ? null : caches[slot].reuse(capacity);
        caches[slot] = reused != null ? reused : model.newCache(1, capacity);
        taken.set(slot);
        return slot;
    }

    /** Gives {@code slot} back; its cached positions are forgotten (its storage is kept for the next). */
    public void release(int slot) {
        requireTaken(slot);
        taken.clear(slot);
    }

    /** Positions cached in {@code slot}: the position its next token takes. */
    public int length(int slot) {
        return cache(slot).length();
    }

    /** The batch-1 cache of a taken slot. */
    KvCache cache(int slot) {
        requireTaken(slot);
        return caches[slot];
    }

    /**
     * The caches of a pass's slots, {@code tokens[r]} new ones for {@code slots[r]}.
     *
     * @throws IllegalArgumentException if a slot is named twice, is not taken, or is given no tokens or
     *                                  more than it has room for
     */
    KvCache[] rows(int[] slots, int[][] tokens) {
        KvCache[] rows = new KvCache[slots.length];
        BitSet seen = new BitSet();
        for (int r = 0; r < slots.length; r++) {
            KvCache c = cache(slots[r]);
            if (seen.get(slots[r])) {
                throw new IllegalArgumentException("forward: slot " + slots[r] + " is named twice");
            }
            seen.set(slots[r]);
            if (tokens[r].length == 0) {
                throw new IllegalArgumentException("forward: slot " + slots[r] + " is given no tokens");
            }
            if (c.length() + tokens[r].length > c.capacity()) {
                throw new IllegalArgumentException("forward: slot " + slots[r] + " holds " + c.length() + " of "
                        + c.capacity() + " positions; no room for " + tokens[r].length + " more");
            }
            rows[r] = c;
        }
        return rows;
    }

    /** Whether this cache holds slots for {@code m}. */
    boolean belongsTo(DecoderModel m) {
        return model == m;
    }

    Workspace workspace() {
        return workspace;
    }

    /**
     * The workspace of a pass with prompts in it. Pooled rather than new for each pass, because new
     * arrays are memory the process touches for the first time: passes of 8 short prompts beside a
     * batch took 5-20 ms instead of about 3 (stories15M's shape).
     */
    Workspace promptWorkspace() {
        if (promptWorkspace.allocatedFloats() > PROMPT_POOL_FLOATS) {
            promptWorkspace = new Workspace();
        }
        return promptWorkspace;
    }

    DecodeWeights weights() {
        return weights;
    }

    private void requireTaken(int slot) {
        if (slot < 0 || slot >= caches.length || !taken.get(slot)) {
            throw new IllegalArgumentException("slot cache: slot " + slot + " is not taken");
        }
    }
}
