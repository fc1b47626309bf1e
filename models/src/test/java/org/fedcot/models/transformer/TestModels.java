package org.fedcot.models.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.fedcot.tensor.NoGrad;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.SafetensorsFile;

/** Tiny configurations, random inputs and tolerance checks shared by the transformer and checkpoint tests. */
public final class TestModels {
    private TestModels() {}

    /**
     * A tiny config of each kind, exercising what sets the kind apart: Llama with grouped-query
     * attention and an untied head, Qwen2 with q/k/v biases and a tied head, GPT-NeoX with partial
     * rotary and parallel residual, and GPT-NeoX with the sequential residual.
     */
    public static TransformerConfig tiny(ModelType type, boolean variant) {
        TransformerConfigBuilder b = TransformerConfig.builder(type)
                .vocabSize(37)
                .hiddenSize(32)
                .intermediateSize(48)
                .numLayers(2)
                .numHeads(4)
                .initializerRange(0.2);
        return switch (type) {
            case LLAMA -> b.numKvHeads(2).attentionBias(variant).build();
            case QWEN2 -> b.numKvHeads(1).tieWordEmbeddings(true).build();
            case GPT_NEOX -> b.rotaryPct(0.5).parallelResidual(!variant).build();
        };
    }

    /** {@code n} ids in [0, vocab), from a fixed seed. */
    public static int[] randomIds(int n, int vocab, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = rng.nextInt(vocab);
        }
        return ids;
    }

    /**
     * Checks {@code model}'s logits and loss on a PyTorch reference fixture's batch (its "ids", "labels",
     * "logits" and "loss") within {@code tolerance}, and back-propagates the loss, for the caller to check
     * the gradients.
     */
    public static void checkLossAndBackward(String name, DecoderModel model, SafetensorsFile expected, double tolerance)
            throws IOException {
        Tensor idsF = expected.read("ids");
        int B = idsF.dim(0);
        int T = idsF.dim(1);
        int[] ids = ints(idsF);
        int[] labels = ints(expected.read("labels"));
        try (NoGrad ignored = NoGrad.enter()) {
            assertClose(name + " logits", model.logits(ids, B, T), expected.read("logits"), tolerance);
        }
        Tensor loss = model.loss(ids, labels, B, T);
        assertClose(name + " loss", loss, expected.read("loss"), tolerance);
        loss.backward();
    }

    /** The whole numbers a reference fixture stores as floats (token ids, labels), rounded back to ints. */
    public static int[] ints(Tensor t) {
        int[] out = new int[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(t.get(i));
        }
        return out;
    }

    /** A test resource directory or file, e.g. "/transformer/llama_gqa". */
    public static Path resource(String name) {
        URL url = TestModels.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("test resource " + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code max |actual - expected| / max |expected|}, the error measure of the reference tests. */
    public static double relativeError(Tensor actual, Tensor expected) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape of " + actual.name());
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < expected.size(); i++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual.get(i) - expected.get(i)));
            maxRef = Math.max(maxRef, Math.abs(expected.get(i)));
        }
        return maxDiff / Math.max(maxRef, 1e-30);
    }

    /** Asserts {@link #relativeError} is at most {@code tolerance}; returns it. */
    public static double assertClose(String what, Tensor actual, Tensor expected, double tolerance) {
        double err = relativeError(actual, expected);
        assertTrue(err <= tolerance, what + ": relative error " + err + " > " + tolerance);
        return err;
    }

    /** Asserts every element is equal, bit for bit. */
    public static void assertSameValues(String what, Tensor actual, Tensor expected) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        assertArrayEquals(expected.toArray(), actual.toArray(), what);
    }
}
