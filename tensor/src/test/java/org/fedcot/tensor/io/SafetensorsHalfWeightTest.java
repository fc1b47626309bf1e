package org.fedcot.tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.fedcot.tensor.HalfWeight;
import org.fedcot.tensor.HalfWeight.Format;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing float32 tensors rounded to BF16 or F16, and reading 16-bit tensors as they are into a {@link HalfWeight}. */
class SafetensorsHalfWeightTest {
    @TempDir
    Path dir;

    private static final float[] VALUES = {1f, -2.5f, 1f + 0x1p-8f, 3.14159f, -1e-3f, 65504f};

    @Test
    void bf16AndF16FilesHoldTheRoundedValuesAndLoadAsTheyAre() throws IOException {
        for (Format format : Format.values()) {
            Path file = dir.resolve(format + ".safetensors");
            Tensor source = Tensor.of(VALUES.clone(), 2, 3);
            SafetensorsWriter.write(file, Map.of("w", source), Map.of(), Dtype.of(format));
            HalfWeight w = new HalfWeight("w", format, 2, 3);
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                assertEquals(Dtype.of(format), f.entry("w").dtype());
                f.readInto("w", w);
                Tensor widened = f.read("w");
                for (int i = 0; i < VALUES.length; i++) {
                    assertEquals(format.narrow(VALUES[i]), w.bits()[i], format + " value " + i);
                }
                assertArrayEquals(widened.toArray(), w.widened().toArray(), "the float decoder widens the same way");
            }
        }
    }

    @Test
    void aTensorOfAnotherDtypeIsRefusedNamingIt() throws IOException {
        Path file = dir.resolve("f32.safetensors");
        SafetensorsWriter.write(file, Map.of("layer.weight", Tensor.of(VALUES.clone(), 2, 3)));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            SafetensorsException e = assertThrows(
                    SafetensorsException.class,
                    () -> f.readInto("layer.weight", new HalfWeight("layer.weight", Format.BF16, 2, 3)));
            assertTrue(e.getMessage().contains("layer.weight") && e.getMessage().contains("F32"), e.getMessage());
        }
    }

    @Test
    void onlyFloatDtypesCanBeWritten() {
        assertThrows(
                IllegalArgumentException.class,
                () -> SafetensorsWriter.write(dir.resolve("x"), Map.of("w", Tensor.zeros(1)), Map.of(), Dtype.I32));
    }
}
