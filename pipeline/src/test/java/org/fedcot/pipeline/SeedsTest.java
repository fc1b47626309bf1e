package org.fedcot.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fedcot.pipeline.config.ConfigException;
import org.fedcot.pipeline.config.ConfigReader;
import org.fedcot.pipeline.report.RunReader;
import org.fedcot.pipeline.report.RunResults;
import org.fedcot.pipeline.report.SeedRun;
import org.fedcot.pipeline.run.RunListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seeds: [...]}: each seed a whole run in seed-S/, resumable, and a later run may add seeds (only the new
 * ones run); the report reads them all. A run of the one seed keeps the run directory itself, and cannot turn
 * into a run of listed seeds.
 */
class SeedsTest {
    @TempDir
    Path dir;

    @Test
    void eachSeedRunsInItsOwnDirectoryAndLaterSeedsAddToTheRun() throws IOException {
        Path config = TinyRun.config(dir, "[standalone]", "seeds: [3, 5]\n");
        Pipeline.run(ConfigReader.read(config, Map.of()), RunListener.NONE);
        Path run = dir.resolve("run");
        for (String seed : List.of("seed-3", "seed-5")) {
            assertTrue(Files.isRegularFile(run.resolve(seed).resolve("results/standalone.json")), seed);
            assertTrue(Files.isRegularFile(run.resolve(seed).resolve("predictions/standalone.jsonl")), seed);
        }
        assertNotEquals(
                Files.readString(run.resolve("seed-3/split.json")),
                Files.readString(run.resolve("seed-5/split.json")),
                "each seed splits the data its own way");

        List<String> messages = new ArrayList<>();
        RunOutcome more = Pipeline.run(ConfigReader.read(config, Map.of("seeds", "[3, 5, 8]")), new RunListener() {
            @Override
            public void message(String line) {
                messages.add(line);
            }
        });
        assertEquals(
                2,
                messages.stream()
                        .filter(m -> m.startsWith("standalone: done in an earlier run"))
                        .count(),
                messages.toString());
        assertEquals(3, more.results().size());
        assertEquals(List.of(3L, 5L, 8L), seedsOf(run), "config.json records every seed run");
        RunResults read = RunReader.read(run);
        assertEquals(
                List.of(3L, 5L, 8L), read.seeds().stream().map(SeedRun::seed).toList());
        assertTrue(Files.readString(more.report()).contains("mean over 3 seeds (3, 5, 8)"));
    }

    @Test
    void aRunOfTheOneSeedStaysOne() throws IOException {
        Path config = TinyRun.config(dir, "[standalone]", "");
        Pipeline.run(ConfigReader.read(config, Map.of()), RunListener.NONE);
        assertTrue(Files.isRegularFile(dir.resolve("run/results/standalone.json")));
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> Pipeline.run(ConfigReader.read(config, Map.of("seeds", "[7]")), RunListener.NONE));
        assertTrue(e.getMessage().contains("holds a run of another configuration"), e.getMessage());
        assertEquals(1, RunReader.read(dir.resolve("run")).seeds().size());
    }

    private static List<Long> seedsOf(Path run) throws IOException {
        List<Long> seeds = new ArrayList<>();
        new ObjectMapper()
                .readTree(run.resolve("config.json").toFile())
                .path("seeds")
                .forEach(s -> seeds.add(s.asLong()));
        return seeds;
    }
}
