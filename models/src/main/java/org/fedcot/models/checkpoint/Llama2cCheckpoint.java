package org.fedcot.models.checkpoint;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TransformerConfig;
import org.fedcot.tensor.Tensor;

/**
 * Loads llama2.c checkpoints (karpathy/llama2.c; legacy and version-1 float32 files, see
 * {@link Llama2cHeader}) as a Hugging Face-layout Llama model: RMSNorm eps 1e-5, rope theta 10000,
 * bos 1, eos 2, the classifier tied to the embedding when the file shares it.
 *
 * <p>Rotary pairing: llama2.c rotates interleaved pairs (2i, 2i+1) of each head, Hugging Face pairs
 * (i, i + headSize/2). The loader permutes the rows of wq and wk within each head (row 2i+r goes to
 * r*headSize/2 + i, the permutation of Hugging Face's convert_llama_weights_to_hf), which turns one
 * pairing into the other and leaves every attention score unchanged. The loaded model is therefore
 * an ordinary Llama: it runs with the same rotary as every other model here and saves as a
 * Hugging Face checkpoint as it is.
 */
public final class Llama2cCheckpoint {
    private static final double NORM_EPS = 1e-5;
    private static final double ROPE_THETA = 10000;
    private static final int BOS = 1;
    private static final int EOS = 2;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Llama2cCheckpoint() {}

    /**
     * Reads {@code file} into a new Llama model.
     *
     * @throws CheckpointException naming the file if the header is corrupt or unsupported, or the file
     *                             size differs from what the header implies (expected vs actual bytes)
     */
    public static DecoderModel load(Path file) throws IOException {
        try (Arena arena = Arena.ofConfined();
                FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            Llama2cHeader h = Llama2cHeader.read(file, seg);
            long expected = h.expectedFileBytes();
            if (seg.byteSize() != expected) {
                throw new CheckpointException(file + ": " + (seg.byteSize() < expected ? "truncated" : "oversized")
                        + " llama2.c checkpoint (" + h + "): expected " + expected + " bytes but the file has "
                        + seg.byteSize());
            }
            DecoderModel model = DecoderModel.create(config(h));
            Cursor in = new Cursor(seg, h.headerBytes(), model.namedParameters(), h);
            if (h.version() == 0) {
                readLegacy(in, h);
            } else {
                readVersion1(in, h);
            }
            return model;
        }
    }

    /** The Hugging Face config equivalent to a llama2.c header. */
    static TransformerConfig config(Llama2cHeader h) {
        return TransformerConfig.builder(ModelType.LLAMA)
                .vocabSize(h.vocabSize())
                .hiddenSize(h.dim())
                .intermediateSize(h.hiddenDim())
                .numLayers(h.layers())
                .numHeads(h.heads())
                .numKvHeads(h.kvHeads())
                .normEps(NORM_EPS)
                .ropeTheta(ROPE_THETA)
                .maxPositionEmbeddings(h.seqLen())
                .tieWordEmbeddings(h.sharedClassifier())
                .bosTokenId(OptionalInt.of(BOS))
                .eosTokenIds(List.of(EOS))
                .build();
    }

    /** run.c's memory_map_weights order. */
    private static void readLegacy(Cursor in, Llama2cHeader h) {
        in.tensor("model.embed_tokens.weight");
        in.layers("input_layernorm.weight");
        in.layersRotary("self_attn.q_proj.weight", h.heads());
        in.layersRotary("self_attn.k_proj.weight", h.kvHeads());
        in.layers("self_attn.v_proj.weight");
        in.layers("self_attn.o_proj.weight");
        in.layers("post_attention_layernorm.weight");
        in.layers("mlp.gate_proj.weight");
        in.layers("mlp.down_proj.weight");
        in.layers("mlp.up_proj.weight");
        in.tensor("model.norm.weight");
        in.skip((long) h.seqLen() * h.headSize()); // precomputed rotary cos/sin tables, recomputed here
        if (!h.sharedClassifier()) {
            in.tensor("lm_head.weight");
        }
    }

    /** export.py's version1_export order: the norms first, then the matrices. */
    private static void readVersion1(Cursor in, Llama2cHeader h) {
        in.layers("input_layernorm.weight");
        in.layers("post_attention_layernorm.weight");
        in.tensor("model.norm.weight");
        in.tensor("model.embed_tokens.weight");
        in.layersRotary("self_attn.q_proj.weight", h.heads());
        in.layersRotary("self_attn.k_proj.weight", h.kvHeads());
        in.layers("self_attn.v_proj.weight");
        in.layers("self_attn.o_proj.weight");
        in.layers("mlp.gate_proj.weight");
        in.layers("mlp.down_proj.weight");
        in.layers("mlp.up_proj.weight");
        if (!h.sharedClassifier()) {
            in.tensor("lm_head.weight");
        }
    }

    /** Reads consecutive float32 runs of the file straight into the parameters. */
    private static final class Cursor {
        private final MemorySegment file;
        private final Map<String, Tensor> params;
        private final Llama2cHeader header;
        private long pos;

        Cursor(MemorySegment file, long start, Map<String, Tensor> params, Llama2cHeader header) {
            this.file = file;
            this.pos = start;
            this.params = params;
            this.header = header;
        }

        void tensor(String name) {
            Tensor t = params.get(name);
            copy(t.hostData(), t.offset(), t.size());
        }

        /** One tensor per layer, stored layer after layer. */
        void layers(String suffix) {
            for (int l = 0; l < header.layers(); l++) {
                tensor("model.layers." + l + "." + suffix);
            }
        }

        /** Like {@link #layers} for wq/wk, moving each head's row 2i+r to r*headSize/2 + i (see the class doc). */
        void layersRotary(String suffix, int heads) {
            int hs = header.headSize();
            int width = header.dim();
            for (int l = 0; l < header.layers(); l++) {
                Tensor t = params.get("model.layers." + l + "." + suffix);
                for (int h = 0; h < heads; h++) {
                    for (int i = 0; i < hs / 2; i++) {
                        for (int r = 0; r < 2; r++) {
                            int row = h * hs + r * (hs / 2) + i;
                            copy(t.hostData(), t.offset() + row * width, width);
                        }
                    }
                }
            }
        }

        void skip(long floats) {
            pos += 4 * floats;
        }

        private void copy(float[] dst, int dstIndex, int n) {
            MemorySegment.copy(file, F32, pos, dst, dstIndex, n);
            pos += 4L * n;
        }
    }
}
