package org.fedcot.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.cli.CliRun;
import org.fedcot.cli.MadeMaterial;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code fedcot train}: sizes that cannot fit, numbers out of range and unknown fields, each named in one line. */
class TrainBadInputTest {
    @TempDir
    Path tmp;

    private Path model;
    private Path data;

    @BeforeEach
    void setUp() throws IOException {
        model = MadeMaterial.writeModel(tmp.resolve("model"), 64);
        data = Files.writeString(
                tmp.resolve("data.jsonl"), "{\"prompt\": \"Is the sky blue?\", \"target\": \"yes\"}\n");
    }

    private CliRun train(String... extra) {
        return CliRun.command(
                "train",
                List.of(
                        "--model",
                        model.toString(),
                        "--data",
                        data.toString(),
                        "--out",
                        tmp.resolve("out").toString()),
                extra);
    }

    private static String oneLine(CliRun r) {
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        return r.message();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000000", "2147483647"})
    void aBatchThatCannotFitIsRefusedBeforeTraining(String batch) {
        String message = oneLine(train("--batch", batch, "--steps", "1"));
        assertTrue(message.startsWith("--batch " + batch + ": "), message);
        assertTrue(Files.notExists(tmp.resolve("out")), "nothing was written");
    }

    @Test
    void aMicroBatchThatCannotFitIsNamedWithIt() {
        String message = oneLine(train("--batch", "1000000", "--micro-batch", "500000", "--steps", "1"));
        assertTrue(message.startsWith("--batch 1000000 --micro-batch 500000: "), message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--batch|0|--batch must be at least 1, got 0",
                "--steps|0|--steps must be at least 1, got 0",
                "--warmup|-1|--warmup must be at least 0, got -1",
                "--keep|-1|--keep must be at least 0, got -1",
                "--lr|-1|--lr must be positive and finite, got -1.0",
                "--lr|NaN|--lr must be positive and finite, got NaN",
                "--max-grad-norm|Infinity|--max-grad-norm must be finite",
                "--weight-decay|-0.5|--weight-decay must be finite and >= 0, got -0.5",
                "--schedule|bogus|--schedule: unknown learning-rate schedule 'bogus'"
            })
    void numbersOutOfRangeNameTheirFlag(String flag, String value, String expected) {
        String message = oneLine(train(flag, value));
        assertTrue(message.startsWith(expected), message);
    }

    @Test
    void anUnknownFieldIsNamedWithItsLine() throws IOException {
        Files.writeString(data, "{\"prompt\": \"a\", \"target\": \"b\"}\n{\"prompt\": \"a\", \"targte\": \"b\"}\n");
        String message = oneLine(train("--steps", "1"));
        assertTrue(
                message.startsWith(data + ":2: unknown field 'targte' (the fields are prompt, target, task)"), message);
    }
}
