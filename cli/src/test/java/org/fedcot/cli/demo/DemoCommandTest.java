package org.fedcot.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.fedcot.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fedcot demo} made small (a dozen problems, models trained a few steps): both parties come up, every
 * method and the eps sweep run over HTTP into the table and the report, and a second start finds everything
 * done without asking the teacher again.
 */
class DemoCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theDemoRunsEveryMethodOverHttpAndASecondStartAsksNothingAgain() throws IOException {
        Path run = dir.resolve("run");
        String[] args = {
            "demo",
            "--cache",
            dir.resolve("cache").toString(),
            "--run-dir",
            run.toString(),
            "--train",
            "12",
            "--test",
            "6",
            "--teacher-steps",
            "3",
            "--slm-steps",
            "3",
            "--set",
            "train.steps=2",
            "--set",
            "train.encoderSteps=2",
            "--set",
            "generation.rationaleTokens=8",
            "--set",
            "generation.encodedTokens=8",
            "--set",
            "llm.maxTokens=8"
        };
        CliRun first = CliRun.of(args);
        assertEquals(0, first.code(), first.err());
        for (String method : List.of(
                "Standalone", "Non-Private", "FedCoT-E (ε=3)", "FedCoT-A (ε=3)", "FedCoT-E (ε=1)", "FedCoT-E (ε=10)")) {
            assertTrue(first.out().contains("| " + method + " |"), method + " missing from\n" + first.out());
        }
        assertTrue(first.out().contains("## Table 4"), first.out());
        // the attacks' recovery of the private tokens at every eps the run released them
        assertTrue(first.out().contains("## Privacy: recovery"), first.out());
        for (String eps : List.of("1.0", "3.0", "10.0")) {
            assertTrue(
                    first.out().contains("| rantext | " + eps + " |"), "eps " + eps + " missing from\n" + first.out());
        }
        assertTrue(Files.exists(run.resolve("report/report.md")));
        assertTrue(pngs(run.resolve("report")) > 0, "no chart was drawn");

        // 6 private questions asked raw and at eps 3, 1 and 10 (a perturbation that leaves a prompt as it was, or
        // as another eps made it, is the same request), 6 public ones raw, and what FedCoT-A's encoder wrote for
        // all 12
        List<String> asked = prompts(run.resolve("audit.jsonl"));
        assertEquals(23, asked.size());
        assertEquals(asked.size(), new HashSet<>(asked).size(), "a prompt was sent twice");

        // fedcot attack on the demo's run directory (its releases under seed-1/) gives the table the demo printed
        CliRun attack = CliRun.command("attack", "--run", run.toString());
        assertEquals(0, attack.code(), attack.err());
        assertTrue(attack.out().contains("seed 1:"), attack.out());
        for (String eps : List.of("1.0", "3.0", "10.0")) {
            String row = first.out()
                    .lines()
                    .filter(l -> l.startsWith("| rantext | " + eps + " |"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(attack.out().contains(row), row + " missing from\n" + attack.out());
        }

        CliRun second = CliRun.of(args);
        assertEquals(0, second.code(), second.err());
        assertEquals(first.out(), second.out());
        assertEquals(asked, prompts(run.resolve("audit.jsonl")), "the second start asked the teacher again");
    }

    /** The prompts of the completion requests the teacher's server logged, in order. */
    private static List<String> prompts(Path audit) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(audit)) {
            JsonNode entry = JSON.readTree(line);
            if (entry.path("path").asText().endsWith("/completions")) {
                out.add(JSON.readTree(entry.path("body").asText())
                        .path("prompt")
                        .asText());
            }
        }
        return out;
    }

    private static long pngs(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".png")).count();
        }
    }
}
