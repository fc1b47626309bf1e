package org.fedcot.tensor.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a file can be wrong yields an exception naming the file, the tensor and the numbers. */
class SafetensorsErrorsTest {
    private static final String W_2X3 = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}";

    @TempDir
    Path dir;

    @Test
    void fileShorterThanTheLengthPrefix() throws IOException {
        Path file = Files.write(dir.resolve("tiny.safetensors"), new byte[5]);
        assertMentions(openFails(file), "tiny.safetensors", "5 bytes", "8-byte");
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        byte[] bytes = new byte[20];
        bytes[0] = (byte) 0xE8; // 1000, little-endian
        bytes[1] = 0x03;
        Path file = Files.write(dir.resolve("long.safetensors"), bytes);
        assertMentions(openFails(file), "long.safetensors", "header length 1000", "12 bytes", "file size 20");
    }

    @Test
    void malformedJsonSaysWhere() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\" \"shape\":[2,3]}}";
        Path file = TestFiles.write(dir, "json.safetensors", header, new byte[0]);
        assertMentions(
                openFails(file),
                "json.safetensors",
                "malformed header JSON at character 20",
                "expected ',' or '}' but found '\"'");
    }

    @Test
    void headerThatIsNotUtf8() throws IOException {
        Path file = TestFiles.write(dir, "latin1.safetensors", "{\"caf\u00e9\":1}", new byte[0]);
        byte[] bytes = Files.readAllBytes(file);
        bytes[13] = (byte) 0xE9; // replaces the first byte of the two-byte UTF-8 é: now invalid
        Files.write(file, bytes);
        assertMentions(openFails(file), "latin1.safetensors", "not valid UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dtype", "shape", "data_offsets"})
    void missingField(String field) throws IOException {
        String header = W_2X3.replace("\"" + field + "\"", "\"other\"");
        Path file = TestFiles.write(dir, "missing.safetensors", header, new byte[24]);
        assertMentions(openFails(file), "missing.safetensors", "tensor w", "missing \"" + field + "\"");
    }

    @Test
    void dataOffsetsInconsistentWithDtypeAndShape() throws IOException {
        String header = W_2X3.replace("[0,24]", "[0,20]");
        Path file = TestFiles.write(dir, "span.safetensors", header, new byte[24]);
        assertMentions(
                openFails(file),
                "span.safetensors",
                "tensor w",
                "F32 x shape [2, 3] needs 24 bytes",
                "[0, 20] span 20 bytes");
    }

    @Test
    void overlappingOffsetsNameBothTensors() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}";
        Path file = TestFiles.write(dir, "alias.safetensors", header, new byte[16]);
        assertMentions(openFails(file), "alias.safetensors", "tensors a [0, 16) and b [8, 16) overlap");
    }

    @Test
    void adjacentAndEmptyTensorsDoNotOverlap() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"e\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}";
        Path file = TestFiles.write(dir, "adjacent.safetensors", header, new byte[16]);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertTrue(
                    f.names().containsAll(java.util.List.of("a", "b", "e")),
                    f.names().toString());
        }
    }

    @Test
    void unknownDtype() throws IOException {
        String header = W_2X3.replace("F32", "Q4_K");
        Path file = TestFiles.write(dir, "quant.safetensors", header, new byte[24]);
        assertMentions(openFails(file), "quant.safetensors", "tensor w", "unknown dtype \"Q4_K\"");
    }

    @Test
    void negativeDimensionAndReversedOffsets() throws IOException {
        Path neg = TestFiles.write(dir, "neg.safetensors", W_2X3.replace("[2,3]", "[2,-3]"), new byte[24]);
        assertMentions(openFails(neg), "neg.safetensors", "tensor w", "dimension 1 is -3");
        Path rev = TestFiles.write(dir, "rev.safetensors", W_2X3.replace("[0,24]", "[24,0]"), new byte[24]);
        assertMentions(openFails(rev), "rev.safetensors", "tensor w", "[24, 0]", "begin <= end");
    }

    @Test
    void truncatedFileGivesExpectedAndActualSize() throws IOException {
        Path file = TestFiles.write(dir, "cut.safetensors", W_2X3, new byte[12]);
        long headerBytes = W_2X3.length();
        long expected = 8 + headerBytes + 24;
        long actual = 8 + headerBytes + 12;
        assertMentions(
                openFails(file),
                "cut.safetensors",
                "truncated",
                "tensor w",
                "expected at least " + expected + " bytes",
                "file has " + actual + " bytes");
    }

    @Test
    void unknownTensorName() throws IOException {
        try (SafetensorsFile f = open("names.safetensors")) {
            assertMentions(
                    assertThrows(SafetensorsException.class, () -> f.read("nope")),
                    "names.safetensors",
                    "no tensor named nope");
        }
    }

    @Test
    void expectedShapeMismatch() throws IOException {
        String name = "model.layers.0.mlp.up_proj.weight";
        Path file = TestFiles.write(dir, "shape.safetensors", W_2X3.replace("\"w\"", "\"" + name + "\""), new byte[24]);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertMentions(
                    assertThrows(SafetensorsException.class, () -> f.read(name, 3, 2)),
                    "shape.safetensors",
                    name + ": expected shape [3, 2] but file has [2, 3]");
            assertMentions(
                    assertThrows(SafetensorsException.class, () -> f.readInto(name, Tensor.zeros(6))),
                    "shape.safetensors",
                    name + ": expected shape [6] but file has [2, 3]");
        }
    }

    @Test
    void unsupportedDtypeNamesFileAndTensor() throws IOException {
        String header = "{\"ids\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,24]}}";
        Path file = TestFiles.write(dir, "f64.safetensors", header, new byte[24]);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertMentions(
                    assertThrows(SafetensorsException.class, () -> f.read("ids")),
                    "f64.safetensors",
                    "tensor ids has unsupported dtype F64");
        }
    }

    @Test
    void destinationTooSmall() throws IOException {
        try (SafetensorsFile f = open("dest.safetensors")) {
            assertMentions(
                    assertThrows(IllegalArgumentException.class, () -> f.readInto("w", new float[8], 3)),
                    "dest.safetensors",
                    "tensor w has 6 elements",
                    "8 floats at offset 3");
        }
    }

    @Test
    void readAfterClose() throws IOException {
        SafetensorsFile f = open("closed.safetensors");
        f.close();
        assertMentions(
                assertThrows(IllegalStateException.class, () -> f.read("w")),
                "closed.safetensors",
                "w",
                "after close()");
    }

    private SafetensorsFile open(String fileName) throws IOException {
        return SafetensorsFile.open(TestFiles.write(dir, fileName, W_2X3, TestFiles.le32(1, 2, 3, 4, 5, 6)));
    }

    private static SafetensorsException openFails(Path file) {
        return assertThrows(
                SafetensorsException.class, () -> SafetensorsFile.open(file).close());
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "\"" + part + "\" missing from: " + e.getMessage());
        }
    }
}
