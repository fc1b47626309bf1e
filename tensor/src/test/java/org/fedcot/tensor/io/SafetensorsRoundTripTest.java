package org.fedcot.tensor.io;

import static org.fedcot.tensor.io.BitAssertions.assertBitsEqual;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SafetensorsWriter} output read back by {@link SafetensorsFile}. */
class SafetensorsRoundTripTest {
    private static final String ODD_NAME = "odd \"name\" \\ caf\u00e9\n\u0001";

    @TempDir
    Path dir;

    @Test
    void keepsNamesShapesValuesAndMetadata() throws IOException {
        float[] buffer = {9f, 9f, 9f, 9f, 9f, 0.1f, -0f, 1e-40f, Float.NaN, 9f};
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z.weight", Tensor.of(new float[] {1f, -2.5f, 3e30f, 4f, 5f, 6f}, 2, 3));
        tensors.put("a.view", Tensor.view(buffer, 5, 2, 2)); // nonzero offset, odd values
        tensors.put("scalar", Tensor.of(new float[] {3.5f}));
        tensors.put("empty", Tensor.zeros(0, 3));
        tensors.put(ODD_NAME, Tensor.of(new float[] {7f}, 1));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("note", "quote \" slash \\ caf\u00e9");
        Path file = dir.resolve("model.safetensors");

        SafetensorsWriter.write(file, tensors, metadata);

        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(List.copyOf(tensors.keySet()), List.copyOf(f.names()));
            assertEquals(metadata, f.metadata());
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                Tensor read = f.read(e.getKey(), e.getValue().shape());
                assertEquals(e.getKey(), read.name());
                assertEquals(Dtype.F32, f.entry(e.getKey()).dtype());
                assertBitsEqual(e.getValue().toArray(), read.toArray());
            }
        }
    }

    @Test
    void readIntoFillsAFlatParameterBuffer() throws IOException {
        Path file = dir.resolve("params.safetensors");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.of(new float[] {1f, 2f, 3f, 4f}, 2, 2));
        tensors.put("b", Tensor.of(new float[] {5f, 6f}, 2));
        SafetensorsWriter.write(file, tensors);

        float[] flat = new float[7];
        Tensor w = Tensor.view(flat, 1, 2, 2);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertTrue(f.metadata().isEmpty());
            f.readInto("w", w);
            f.readInto("b", flat, 5);
        }
        assertArrayEquals(new float[] {0f, 1f, 2f, 3f, 4f, 5f, 6f}, flat);
    }

    @Test
    void padsTheHeaderWithSpacesToEightBytes() throws IOException {
        Path file = dir.resolve("pad.safetensors");
        SafetensorsWriter.write(file, Map.of("x", Tensor.of(new float[] {1f}, 1)));
        byte[] bytes = Files.readAllBytes(file);
        long headerLength =
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, headerLength % 8);
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.stripTrailing().endsWith("}"), header);
        assertEquals(8 + headerLength + 4, bytes.length);
    }

    @Test
    void overwritesAtomicallyLeavingNoTemporaryFile() throws IOException {
        Path file = dir.resolve("ckpt.safetensors");
        SafetensorsWriter.write(file, Map.of("x", Tensor.of(new float[] {1f}, 1)));
        SafetensorsWriter.write(file, Map.of("x", Tensor.of(new float[] {2f, 3f}, 2)));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertArrayEquals(new float[] {2f, 3f}, f.read("x").toArray());
        }
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList());
        }
    }

    @Test
    void rejectsATensorNamedLikeTheMetadata() {
        Path file = dir.resolve("bad.safetensors");
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> SafetensorsWriter.write(file, Map.of("__metadata__", Tensor.zeros(1))));
        assertTrue(e.getMessage().contains("__metadata__"), e.getMessage());
        assertTrue(Files.notExists(file));
    }
}
