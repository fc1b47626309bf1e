package org.fedcot.tensor.io;

import static org.fedcot.tensor.io.BitAssertions.assertBitsEqual;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads a file written from PyTorch by {@code src/test/python/make_safetensors_fixture.py}, and
 * checks every value against the float32 values torch reported for it.
 */
class SafetensorsTorchFixtureTest {
    /** One line of the expected-values file: name, dtype, shape, values as torch converted them to float32. */
    private record Expected(String name, Dtype dtype, int[] shape, float[] values) {
        static Expected parse(String line) {
            String[] f = line.split("\t", -1);
            int[] shape = f[2].isEmpty()
                    ? new int[0]
                    : Arrays.stream(f[2].split(",")).mapToInt(Integer::parseInt).toArray();
            String[] v = f[3].split(" ");
            float[] values = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                values[i] = (float) Double.parseDouble(v[i]); // exact: each is a float32 value printed in full
            }
            return new Expected(f[0], Dtype.valueOf(f[1]), shape, values);
        }
    }

    @Test
    void readsEveryTensorAsTorchWroteIt() throws IOException {
        List<Expected> expected =
                Files.readAllLines(resource("torch_written.expected.txt"), StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.isBlank())
                        .map(Expected::parse)
                        .toList();
        try (SafetensorsFile f = SafetensorsFile.open(resource("torch_written.safetensors"))) {
            assertEquals(expected.stream().map(Expected::name).toList(), List.copyOf(f.names()));
            for (Expected e : expected) {
                SafetensorsEntry entry = f.entry(e.name());
                assertEquals(e.dtype(), entry.dtype(), e.name());
                assertArrayEquals(e.shape(), entry.shape(), e.name());
                if (e.dtype().readableAsFloat()) {
                    assertBitsEqual(e.values(), f.read(e.name(), e.shape()).toArray());
                }
            }
        }
    }

    @Test
    void readsTheMetadataWithItsEscapes() throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(resource("torch_written.safetensors"))) {
            assertEquals(
                    Map.of("format", "pt", "writer", "make_safetensors_fixture.py", "note", "quote \" and caf\u00e9"),
                    f.metadata());
        }
    }

    @Test
    void listsButRefusesToReadAnIntegerTensor() throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(resource("torch_written.safetensors"))) {
            assertEquals(Dtype.I64, f.entry("step").dtype());
            var e = assertThrows(SafetensorsException.class, () -> f.read("step"));
            assertTrue(e.getMessage().contains("torch_written.safetensors"), e.getMessage());
            assertTrue(e.getMessage().contains("tensor step has unsupported dtype I64"), e.getMessage());
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(SafetensorsTorchFixtureTest.class
                    .getResource("/safetensors/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
