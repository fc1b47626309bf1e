package org.fedcot.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.fedcot.cli.CliRun;
import org.fedcot.cli.MadeMaterial;
import org.fedcot.models.checkpoint.HfConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fedcot bench train}: its last line is the figure a script reads. */
class TrainBenchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theLastLineGivesParamsMsPerStepAndTokensPerSecond() throws IOException {
        Path dir = MadeMaterial.writeModel(tmp, 64);
        CliRun r = CliRun.command(
                "bench",
                "train",
                "--model",
                dir.resolve(HfConfig.FILE_NAME).toString(),
                "--seq",
                "16",
                "--batch",
                "2",
                "--steps",
                "3",
                "--warmup",
                "1");
        assertEquals(0, r.code(), r.message());
        String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.matches("train \\d+ params: \\d+\\.\\d ms/step, \\d+ tokens/s"), last);
        assertTrue(r.err().contains("timed step 4"), r.err());
    }

    @Test
    void anUnknownBackendOrTooLongASequenceIsRefused() throws IOException {
        Path dir = MadeMaterial.writeModel(tmp, 64);
        CliRun r = CliRun.command("bench", "train", "--model", dir.toString(), "--backend", "cuda");
        assertEquals(2, r.code());
        assertTrue(r.message().contains("unknown backend 'cuda'; available: cpu, opencl, auto"), r.message());
        r = CliRun.command("bench", "train", "--model", dir.toString(), "--seq", "65");
        assertTrue(r.message().contains("--seq 65 exceeds the model's 64 positions"), r.message());
    }
}
