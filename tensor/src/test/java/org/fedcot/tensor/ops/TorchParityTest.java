package org.fedcot.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.SafetensorsFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every op against PyTorch 1.13 autograd, one dynamic test per fixture in {@code fixtures/ops}
 * (written by {@code src/test/python/make_op_fixtures.py}). Each case runs the op on torch's
 * inputs, back-propagates {@code loss = sum(out * dout)} with torch's upstream gradient, and
 * requires, for the output and for every input gradient separately,
 * {@code max |ours - torch| / max |torch| <= 1e-5}: a few float32 ulps of the tensor's scale,
 * which leaves room for a different summation order but not for a wrong formula.
 */
class TorchParityTest {
    private static final double TOL = 1e-5;
    private static final String FIXTURES = "/fixtures/ops";
    private static final String GRAD = "grad.";
    /** Tensors in a fixture that are torch's results, not inputs of the op. */
    private static final Set<String> RESULTS = Set.of("out", "dout");

    private static final Set<String> OPS = Set.of(
            "linear",
            "add",
            "mul",
            "scale",
            "embedding",
            "layer_norm",
            "rms_norm",
            "gelu_tanh",
            "gelu_erf",
            "silu",
            "swiglu",
            "rope",
            "attention",
            "cross_entropy");

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesTorch() throws IOException {
        return fixtures().stream().map(file -> DynamicTest.dynamicTest(caseName(file), () -> checkCase(file)));
    }

    /** Guards against a fixture silently going missing: every op must still have at least one case. */
    @Test
    void everyOpHasAFixture() throws IOException {
        Set<String> covered = new TreeSet<>();
        for (Path file : fixtures()) {
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                covered.add(f.metadata().get("op"));
            }
        }
        assertEquals(new TreeSet<>(OPS), covered, "ops covered by " + FIXTURES);
    }

    private static void checkCase(Path file) throws IOException {
        String name = caseName(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            Map<String, Tensor> in = new HashMap<>();
            for (String n : f.names()) {
                if (!n.startsWith(GRAD) && !RESULTS.contains(n)) {
                    in.put(n, f.read(n).requiresGrad(f.contains(GRAD + n)));
                }
            }
            Tensor out = run(f.metadata(), in);
            Reduce.sum(Elementwise.mul(out, f.read("dout"))).backward();
            assertClose(name, "out", out, f.read("out"));
            for (String n : f.names()) {
                if (n.startsWith(GRAD)) {
                    Tensor grad = in.get(n.substring(GRAD.length())).grad();
                    assertNotNull(grad, name + ": no gradient reached " + n.substring(GRAD.length()));
                    assertClose(name, n, grad, f.read(n));
                }
            }
        }
    }

    /** Calls the Java op that the fixture's {@code op} metadata names, on the fixture's inputs. */
    private static Tensor run(Map<String, String> meta, Map<String, Tensor> in) {
        String op = meta.get("op");
        return switch (op) {
            case "linear" -> Linear.forward(need(in, "x"), need(in, "w"), in.get("b"));
            case "add" -> Elementwise.add(need(in, "a"), need(in, "b"));
            case "mul" -> Elementwise.mul(need(in, "a"), need(in, "b"));
            case "scale" -> Elementwise.scale(need(in, "a"), num(meta, "scale"));
            case "embedding" -> Embedding.lookup(need(in, "table"), ints(need(in, "ids")));
            case "layer_norm" -> Norms.layerNorm(need(in, "x"), need(in, "w"), need(in, "b"), num(meta, "eps"));
            case "rms_norm" -> Norms.rmsNorm(need(in, "x"), need(in, "w"), num(meta, "eps"));
            case "gelu_tanh" -> Activations.geluTanh(need(in, "x"));
            case "gelu_erf" -> Activations.geluErf(need(in, "x"));
            case "silu" -> Activations.silu(need(in, "x"));
            case "swiglu" -> Activations.swiglu(need(in, "gate"), need(in, "up"));
            case "rope" ->
                Rotary.rope(
                        need(in, "x"),
                        integer(meta, "rot_dim"),
                        num(meta, "theta"),
                        integer(meta, "pos_offset"),
                        bool(meta, "interleaved"));
            case "attention" -> Attention.causal(need(in, "q"), need(in, "k"), need(in, "v"));
            case "cross_entropy" ->
                CrossEntropy.loss(
                        need(in, "logits"),
                        ints(need(in, "targets")),
                        in.containsKey("weights") ? in.get("weights").toArray() : null,
                        integer(meta, "ignore_index"));
            default -> throw new AssertionError("fixture names unknown op " + op);
        };
    }

    private static void assertClose(String caseName, String tensor, Tensor ours, Tensor torch) {
        String what = caseName + ": " + tensor;
        assertArrayEquals(torch.shape(), ours.shape(), what + ": shape");
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < torch.size(); i++) {
            maxDiff = Math.max(maxDiff, Math.abs((double) ours.get(i) - torch.get(i)));
            maxRef = Math.max(maxRef, Math.abs((double) torch.get(i)));
        }
        // an all-zero reference (e.g. a gradient nothing flows into) is compared absolutely
        double err = maxRef > 0 ? maxDiff / maxRef : maxDiff;
        assertTrue(
                err <= TOL,
                String.format(
                        "%s: max |ours - torch| / max |torch| = %.3g > %.0e"
                                + " (max |ours - torch| = %.3g, max |torch| = %.3g)",
                        what, err, TOL, maxDiff, maxRef));
    }

    private static List<Path> fixtures() throws IOException {
        URL url = TorchParityTest.class.getResource(FIXTURES);
        assertNotNull(
                url,
                "missing test resources " + FIXTURES
                        + "; run /usr/bin/python3 tensor/src/test/python/make_op_fixtures.py");
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".safetensors"))
                    .sorted()
                    .toList();
            assertFalse(list.isEmpty(), "no fixtures in " + url);
            return list;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String caseName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".safetensors".length());
    }

    private static Tensor need(Map<String, Tensor> in, String name) {
        Tensor t = in.get(name);
        assertNotNull(t, "fixture has no input tensor " + name + " (it has " + new TreeSet<>(in.keySet()) + ")");
        return t;
    }

    /** Integer ids stored as float32 by the fixture script; each must be a whole number. */
    private static int[] ints(Tensor t) {
        int[] out = new int[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) t.get(i);
            assertEquals(out[i], t.get(i), t.name() + "[" + i + "] is not an integer");
        }
        return out;
    }

    private static String meta(Map<String, String> meta, String key) {
        String v = meta.get(key);
        assertNotNull(v, "fixture metadata has no " + key + " (it has " + new TreeSet<>(meta.keySet()) + ")");
        return v;
    }

    private static boolean bool(Map<String, String> meta, String key) {
        return Boolean.parseBoolean(meta(meta, key));
    }

    private static float num(Map<String, String> meta, String key) {
        return Float.parseFloat(meta(meta, key));
    }

    private static int integer(Map<String, String> meta, String key) {
        return Integer.parseInt(meta(meta, key));
    }
}
