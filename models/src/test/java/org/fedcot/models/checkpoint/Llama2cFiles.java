package org.fedcot.models.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TransformerConfig;
import org.fedcot.tensor.Tensor;

/**
 * Writes a Llama model as a legacy (version 0) llama2.c checkpoint, as run.c reads it: the 7-int
 * header (a negative vocab_size when the classifier is not shared), the weights in run.c's
 * memory_map_weights order with wq and wk rows in llama2.c's interleaved rotary order, the rotary
 * tables run.c no longer reads, and an unshared classifier last.
 */
final class Llama2cFiles {
    private Llama2cFiles() {}

    /** The model's legacy llama2.c bytes; its rotary tables are written as zeros. */
    static byte[] legacy(DecoderModel model) {
        TransformerConfig c = model.config();
        if (c.modelType() != ModelType.LLAMA) {
            throw new IllegalArgumentException("llama2.c holds Llama models, not " + c.modelType());
        }
        Map<String, Tensor> p = model.namedParameters();
        int headSize = c.headDim();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(7 * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(c.hiddenSize())
                .putInt(c.intermediateSize())
                .putInt(c.numLayers())
                .putInt(c.numHeads())
                .putInt(c.numKvHeads())
                .putInt(c.tieWordEmbeddings() ? c.vocabSize() : -c.vocabSize())
                .putInt(c.maxPositionEmbeddings());
        out.writeBytes(header.array());
        write(out, p.get("model.embed_tokens.weight"));
        layers(out, p, c, "input_layernorm.weight");
        rotaryLayers(out, p, c, "self_attn.q_proj.weight", c.numHeads(), headSize);
        rotaryLayers(out, p, c, "self_attn.k_proj.weight", c.numKvHeads(), headSize);
        layers(out, p, c, "self_attn.v_proj.weight");
        layers(out, p, c, "self_attn.o_proj.weight");
        layers(out, p, c, "post_attention_layernorm.weight");
        layers(out, p, c, "mlp.gate_proj.weight");
        layers(out, p, c, "mlp.down_proj.weight");
        layers(out, p, c, "mlp.up_proj.weight");
        write(out, p.get("model.norm.weight"));
        out.writeBytes(new byte[Float.BYTES * c.maxPositionEmbeddings() * headSize]);
        if (!c.tieWordEmbeddings()) {
            write(out, p.get("lm_head.weight"));
        }
        return out.toByteArray();
    }

    private static void layers(ByteArrayOutputStream out, Map<String, Tensor> p, TransformerConfig c, String suffix) {
        for (int l = 0; l < c.numLayers(); l++) {
            write(out, p.get("model.layers." + l + "." + suffix));
        }
    }

    /**
     * wq or wk with each head's rows interleaved: llama2.c pairs rows (2i, 2i + 1) for the rotary
     * where Hugging Face pairs (i, i + headSize/2), so the file's row 2i + r is the model's row
     * r * headSize/2 + i.
     */
    private static void rotaryLayers(
            ByteArrayOutputStream out,
            Map<String, Tensor> p,
            TransformerConfig c,
            String suffix,
            int heads,
            int headSize) {
        int width = c.hiddenSize();
        for (int l = 0; l < c.numLayers(); l++) {
            float[] rows = p.get("model.layers." + l + "." + suffix).toArray();
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < headSize / 2; i++) {
                    for (int r = 0; r < 2; r++) {
                        int row = h * headSize + r * (headSize / 2) + i;
                        write(out, rows, row * width, width);
                    }
                }
            }
        }
    }

    private static void write(ByteArrayOutputStream out, Tensor t) {
        float[] values = t.toArray();
        write(out, values, 0, values.length);
    }

    private static void write(ByteArrayOutputStream out, float[] values, int from, int n) {
        ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i < from + n; i++) {
            bytes.putFloat(values[i]);
        }
        out.writeBytes(bytes.array());
    }
}
