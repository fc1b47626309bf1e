package org.fedcot.cli.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Random 3-d GloVe-format vectors for the built-in bench text's own words: the benches' tests stay fast. */
final class BenchVectors {
    private BenchVectors() {}

    /** Writes the vectors to {@code dir}/bench.txt. */
    static Path write(Path dir) throws IOException {
        TreeSet<String> words = BenchText.SENTENCES.stream()
                .flatMap(s -> Arrays.stream(s.split("[^a-zA-Z]+")))
                .filter(w -> !w.isEmpty())
                .map(w -> w.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
        SplittableRandom rng = new SplittableRandom(1);
        return Files.writeString(
                dir.resolve("bench.txt"),
                words.stream()
                        .map(w -> w + " " + rng.nextDouble() + " " + rng.nextDouble() + " " + rng.nextDouble())
                        .collect(Collectors.joining("\n")),
                StandardCharsets.UTF_8);
    }
}
