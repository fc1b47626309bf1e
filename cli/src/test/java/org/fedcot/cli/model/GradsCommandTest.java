package org.fedcot.cli.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedcot.cli.CliRun;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code fedcot grads} against PyTorch (make_grads_fixtures.py): the loss and every parameter's gradient
 * within 1e-4 relative error per tensor; and one clear error line for each kind of bad batch file.
 */
class GradsCommandTest {
    private static final double TOL = 1e-4;

    private static CliRun grads(Path model, Path batch, Path out) {
        return CliRun.command(
                "grads", "--model", model.toString(), "--batch", batch.toString(), "--out", out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama_gqa", "qwen2_gqa_bias", "neox"})
    void gradientsMatchPyTorch(String name, @TempDir Path tmp) throws IOException {
        Path fixture = GradsFixtures.path(name);
        Path out = tmp.resolve("grads.safetensors");
        CliRun r = grads(fixture, fixture.resolve("batch.json"), out);
        assertEquals(0, r.code(), r.err());
        double worst = 0;
        try (SafetensorsFile actual = SafetensorsFile.open(out);
                SafetensorsFile expected = SafetensorsFile.open(fixture.resolve("expected.safetensors"))) {
            assertEquals(expected.names(), actual.names(), "the loss and one gradient per parameter");
            assertArrayEquals(new int[0], actual.entry("loss").shape(), "the loss is a scalar, shape []");
            for (String tensor : expected.names()) {
                double err = relativeError(actual.read(tensor), expected.read(tensor));
                assertTrue(err <= TOL, name + " " + tensor + ": relative error " + err);
                worst = Math.max(worst, err);
            }
        }
        System.out.printf("grads %s: worst relative error %.2e over %s%n", name, worst, "loss and gradients");
    }

    @Test
    void badBatchFilesGiveOneLineNamingTheFileAndField(@TempDir Path tmp) throws IOException {
        Path model = GradsFixtures.path("llama_gqa");
        assertBad(
                tmp,
                model,
                "{\"input_ids\": [[1, 2, 3], [4, 5]], \"labels\": [[1, 2, 3], [4, 5]]}",
                "input_ids[1] has 2 values but input_ids[0] has 3");
        assertBad(
                tmp,
                model,
                "{\"input_ids\": [[1, 2, 32]], \"labels\": [[1, 2, 3]]}",
                "input_ids[0][2] is 32, not an id of a vocabulary of 32");
        assertBad(tmp, model, "{\"input_ids\": [[1, 2, 3]]}", "missing field 'labels'");
        assertBad(tmp, model, "{\"input_ids\": [[1, 2, 3]], \"labels\": [[1, -5, 3]]}", "labels[0][1] is -5");
        assertBad(
                tmp,
                model,
                "{\"input_ids\": [[1, 2, 3]], \"labels\": [[1, 2]]}",
                "labels are 1 x 2 but input_ids are 1 x 3");
        assertBad(
                tmp,
                model,
                "{\"input_ids\": [[1, 2.5, 3]], \"labels\": [[1, 2, 3]]}",
                "input_ids[0][1] must be an integer");
        assertBad(tmp, model, "{\"input_ids\": [], \"labels\": []}", "'input_ids' must be a non-empty array");
        assertBad(tmp, model, "{\"input_ids\": [[1, 2]], \"labels\": [[1, -100]]}", "nothing to predict");
        assertBad(tmp, model, "{\"input_ids\": [[1, 2]], ", "not valid JSON");
    }

    private static void assertBad(Path tmp, Path model, String json, String expected) throws IOException {
        Path batch = tmp.resolve("batch.json");
        Files.writeString(batch, json);
        CliRun r = grads(model, batch, tmp.resolve("out.safetensors"));
        assertEquals(1, r.code(), json);
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(batch.toString()) && r.err().contains(expected), r.err());
        assertTrue(Files.notExists(tmp.resolve("out.safetensors")), "nothing written");
    }

    /** {@code max |actual - expected| / max |expected|}. */
    private static double relativeError(Tensor actual, Tensor expected) {
        assertArrayEquals(expected.shape(), actual.shape());
        double diff = 0;
        double ref = 0;
        for (int i = 0; i < expected.size(); i++) {
            diff = Math.max(diff, Math.abs(actual.get(i) - expected.get(i)));
            ref = Math.max(ref, Math.abs(expected.get(i)));
        }
        return diff / Math.max(ref, 1e-30);
    }
}
