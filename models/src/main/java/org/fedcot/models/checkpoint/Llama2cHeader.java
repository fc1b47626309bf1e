package org.fedcot.models.checkpoint;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The header of a llama2.c checkpoint (karpathy/llama2.c export.py), in either layout:
 * <ul>
 *   <li>legacy ("version 0"): 7 int32 (dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size,
 *       seq_len); a negative vocab_size means the classifier is not shared with the embedding;</li>
 *   <li>version 1: uint32 magic 0x616b3432 ("ak42"), int32 version 1, the same 7 int32, a uint8
 *       shared_classifier flag, zero padding to 256 bytes.</li>
 * </ul>
 * All little-endian.
 *
 * @param version          0 for legacy, 1
 * @param dim              model width
 * @param hiddenDim        MLP width
 * @param layers           number of layers
 * @param heads            query heads
 * @param kvHeads          key/value heads
 * @param vocabSize        vocabulary size (positive)
 * @param seqLen           maximum sequence length
 * @param sharedClassifier whether the output layer is the token embedding
 */
record Llama2cHeader(
        int version,
        int dim,
        int hiddenDim,
        int layers,
        int heads,
        int kvHeads,
        int vocabSize,
        int seqLen,
        boolean sharedClassifier) {
    private static final int MAGIC = 0x616b3432;
    private static final int LEGACY_BYTES = 7 * 4;
    private static final int V1_BYTES = 256;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /**
     * Reads and checks the header at the start of {@code file}.
     *
     * @throws CheckpointException if the file is shorter than its header, the version is not 1, or the
     *                             sizes are not positive and consistent
     */
    static Llama2cHeader read(Path path, MemorySegment file) throws CheckpointException {
        requireBytes(path, file, LEGACY_BYTES);
        Llama2cHeader h;
        if (file.get(I32, 0) == MAGIC) {
            requireBytes(path, file, V1_BYTES);
            int version = file.get(I32, 4);
            if (version != 1) {
                throw new CheckpointException(path + ": llama2.c checkpoint version " + version
                        + " is not supported (only version 1 and the legacy format hold float32 weights)");
            }
            h = new Llama2cHeader(
                    1,
                    file.get(I32, 8),
                    file.get(I32, 12),
                    file.get(I32, 16),
                    file.get(I32, 20),
                    file.get(I32, 24),
                    file.get(I32, 28),
                    file.get(I32, 32),
                    file.get(ValueLayout.JAVA_BYTE, 36) != 0);
        } else {
            int vocab = file.get(I32, 20);
            h = new Llama2cHeader(
                    0,
                    file.get(I32, 0),
                    file.get(I32, 4),
                    file.get(I32, 8),
                    file.get(I32, 12),
                    file.get(I32, 16),
                    Math.abs(vocab),
                    file.get(I32, 24),
                    vocab > 0);
        }
        h.check(path);
        return h;
    }

    private static void requireBytes(Path path, MemorySegment file, long n) throws CheckpointException {
        if (file.byteSize() < n) {
            throw new CheckpointException(path + ": truncated llama2.c checkpoint: " + file.byteSize()
                    + " bytes, shorter than its " + n + "-byte header");
        }
    }

    private void check(Path path) throws CheckpointException {
        if (dim <= 0
                || hiddenDim <= 0
                || layers <= 0
                || heads <= 0
                || kvHeads <= 0
                || vocabSize <= 0
                || seqLen <= 0
                || dim % heads != 0
                || heads % kvHeads != 0
                || (dim / heads) % 2 != 0) {
            throw new CheckpointException(path + ": not a llama2.c checkpoint, or a corrupt one: header " + this
                    + " (sizes must be positive, dim a multiple of heads with an even head size, heads a multiple"
                    + " of kv heads)");
        }
    }

    /** Bytes before the first weight. */
    int headerBytes() {
        return version == 0 ? LEGACY_BYTES : V1_BYTES;
    }

    int headSize() {
        return dim / heads;
    }

    /** The file size these sizes imply: header, weights, legacy's unused rotary tables, unshared classifier. */
    long expectedFileBytes() {
        long kvDim = (long) kvHeads * headSize();
        long perLayer = 2L * dim + (long) dim * dim * 2 + 2 * kvDim * dim + 3L * dim * hiddenDim;
        long floats = (long) vocabSize * dim + layers * perLayer + dim;
        if (version == 0) {
            floats += (long) seqLen * headSize(); // freq_cis_real and freq_cis_imag, seqLen x headSize/2 each
        }
        if (!sharedClassifier) {
            floats += (long) vocabSize * dim;
        }
        return headerBytes() + 4 * floats;
    }

    @Override
    public String toString() {
        return (version == 0 ? "legacy" : "version 1") + " dim " + dim + ", hidden_dim " + hiddenDim + ", n_layers "
                + layers + ", n_heads " + heads + ", n_kv_heads " + kvHeads + ", vocab_size " + vocabSize + ", seq_len "
                + seqLen + ", " + (sharedClassifier ? "shared" : "separate") + " classifier";
    }
}
