package org.fedcot.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fedcot.tensor.ops.Attention;
import org.fedcot.tensor.ops.CrossEntropy;
import org.fedcot.tensor.ops.Embedding;
import org.fedcot.tensor.ops.Linear;
import org.fedcot.tensor.ops.Norms;
import org.fedcot.tensor.ops.Rotary;
import org.fedcot.tensor.optim.AdamW;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad shapes and non-finite inputs give exceptions that name the tensor and expected vs actual. */
class CheckedEntryPointsTest {
    private static void assertMessage(Executable call, String... parts) {
        Exception e = assertThrows(IllegalArgumentException.class, call);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' lacks '" + p + "'");
        }
    }

    @Test
    void linearNamesTheWeightAndBothShapes() {
        Tensor x = Tensor.zeros(2, 5).named("hidden");
        Tensor w = Tensor.zeros(3, 4).named("layers.0.mlp.up_proj.weight");
        assertMessage(() -> Linear.forward(x, w, null), "hidden", "[2, 5]", "layers.0.mlp.up_proj.weight", "[3, 4]");
        Tensor b = Tensor.zeros(4).named("up_proj.bias");
        assertMessage(() -> Linear.forward(Tensor.zeros(2, 4), w, b), "up_proj.bias", "expected shape [3]", "[4]");
    }

    @Test
    void normsAttentionAndRotaryRejectMismatches() {
        assertMessage(
                () -> Norms.rmsNorm(Tensor.zeros(2, 8), Tensor.zeros(7).named("norm.weight"), 1e-5f),
                "norm.weight",
                "expected shape [8]",
                "[7]");
        assertMessage(
                () -> Attention.causal(
                        Tensor.zeros(1, 4, 6, 2).named("q"),
                        Tensor.zeros(1, 4, 4, 2).named("k"),
                        Tensor.zeros(1, 4, 4, 2)),
                "6 query heads",
                "4 key/value heads");
        assertMessage(
                () -> Attention.causal(
                        Tensor.zeros(1, 4, 4, 2), Tensor.zeros(1, 3, 2, 2).named("k"), Tensor.zeros(1, 3, 2, 2)),
                "k",
                "expected shape [1, 4, 2, 2]",
                "[1, 3, 2, 2]");
        assertMessage(() -> Rotary.rope(Tensor.zeros(1, 2, 2, 6), 7, 1e4f, 0, false), "rotary dimension 7");
    }

    @Test
    void nonFiniteValuesAreReportedWithTheirIndex() {
        assertMessage(() -> Tensor.of(new float[] {1f, Float.NaN}, 2), "element 1", "NaN");
        Tensor logits = Tensor.zeros(2, 3).named("logits");
        logits.set(4, Float.POSITIVE_INFINITY);
        assertMessage(() -> CrossEntropy.loss(logits, new int[] {0, 1}), "logits", "element 4", "Infinity");
        // a vocabulary wide enough for the vectorised kernels, which flag bad rows during the max pass
        Tensor wide = Tensor.zeros(3, 200).named("lm_logits");
        wide.set(250, Float.NaN); // in a row whose target is ignored: still checked
        wide.set(510, Float.NEGATIVE_INFINITY);
        assertMessage(
                () -> CrossEntropy.loss(wide, new int[] {0, CrossEntropy.IGNORE_INDEX, 2}),
                "crossEntropy logits (lm_logits): element 250 of shape [3, 200] is NaN");
        assertMessage(() -> Tensor.of(new float[3], 2, 2), "expected 4 floats", "got 3");
    }

    @Test
    void idsAndTargetsOutOfRangeAreNamed() {
        Tensor table = Tensor.zeros(5, 2).named("embed_tokens.weight");
        assertMessage(
                () -> Embedding.lookup(table, new int[] {1, 5}), "id 5", "position 1", "[0, 5)", "embed_tokens.weight");
        assertMessage(() -> CrossEntropy.loss(Tensor.zeros(2, 3), new int[] {0, 3}), "target 3", "row 1");
        assertMessage(() -> CrossEntropy.loss(Tensor.zeros(2, 3), new int[] {0}), "2 rows", "1 targets");
    }

    @Test
    void adamwRefusesANonFiniteGradientNamingTheParameter() {
        Tensor p = Tensor.zeros(3).named("lm_head.weight").requiresGrad(true);
        p.gradBuffer().set(2, Float.NaN);
        AdamW opt = new AdamW(List.of(p));
        IllegalStateException e = assertThrows(IllegalStateException.class, opt::step);
        assertTrue(e.getMessage().contains("lm_head.weight"), e.getMessage());
    }
}
