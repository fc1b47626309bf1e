package org.fedcot.cli.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.fedcot.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fedcot bench perturb}: its last line is the figure a script reads. */
class PerturbBenchTest {
    @Test
    void theLastLineIsWordsPerSecond(@TempDir Path tmp) throws IOException {
        // vectors for the built-in text's own words keep the test fast
        TreeSet<String> words = BenchText.SENTENCES.stream().flatMap(s -> java.util.Arrays.stream(s.split("[^a-zA-Z]+")))
                .filter(w -> !w.isEmpty()).map(w -> w.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
        SplittableRandom rng = new SplittableRandom(1);
        Path glove = Files.writeString(tmp.resolve("bench.txt"), words.stream()
                .map(w -> w + " " + rng.nextDouble() + " " + rng.nextDouble() + " " + rng.nextDouble())
                .collect(Collectors.joining("\n")), StandardCharsets.UTF_8);
        for (String mechanism : new String[] {"rantext", "santext", "custext"}) {
            CliRun r = CliRun.command("bench", "perturb", "--embeddings", glove.toString(), "--mechanism", mechanism,
                    "--warmup", "0", "--repeat", "2");
            assertEquals(0, r.code(), r.err());
            String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
            assertTrue(last.matches("perturb " + mechanism + ": \\d+ words/s"), last);
            assertTrue(r.err().contains("pass 2: "), r.err());
        }
    }
}
