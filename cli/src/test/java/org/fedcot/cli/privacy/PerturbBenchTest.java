package org.fedcot.cli.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.fedcot.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fedcot bench perturb}: its last line is the figure a script reads. */
class PerturbBenchTest {
    @Test
    void theLastLineIsWordsPerSecond(@TempDir Path tmp) throws IOException {
        Path glove = BenchVectors.write(tmp);
        for (String mechanism : new String[] {"rantext", "santext", "custext"}) {
            CliRun r = CliRun.command(
                    "bench",
                    "perturb",
                    "--embeddings",
                    glove.toString(),
                    "--mechanism",
                    mechanism,
                    "--warmup",
                    "0",
                    "--repeat",
                    "2");
            assertEquals(0, r.code(), r.err());
            String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
            assertTrue(last.matches("perturb " + mechanism + ": \\d+ words/s"), last);
            assertTrue(r.err().contains("pass 2: "), r.err());
        }
    }
}
