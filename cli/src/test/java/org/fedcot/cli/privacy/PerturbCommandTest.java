package org.fedcot.cli.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.cli.CliRun;
import org.fedcot.cli.MadeMaterial;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code fedcot perturb}, end to end: versions on stdout, the report, the teaching view, and clear errors. */
class PerturbCommandTest {
    private static final String TEXT = "The doctor walked along the river, near 3 old bridges.";

    @TempDir
    Path tmp;

    /** A small GloVe file: the text's words and their neighbours, 3-d. */
    private Path smallGlove() throws IOException {
        return Files.writeString(
                tmp.resolve("small.txt"),
                String.join(
                                "\n",
                                "doctor 1 0 0",
                                "nurse 0.9 0.2 0",
                                "surgeon 0.95 0.1 0.05",
                                "walked 0 1 0",
                                "strolled 0.1 0.95 0",
                                "river 0 0 1",
                                "stream 0.1 0 0.9",
                                "lake 0 0.2 0.9",
                                "old 0.5 0.5 0",
                                "ancient 0.45 0.55 0.1",
                                "bridges 0.3 0 0.6",
                                "roads 0.4 0.1 0.5",
                                "near 0.2 0.2 0.2",
                                "the 0.1 0.1 0.1",
                                "along 0.3 0.3 0.1")
                        + "\n",
                StandardCharsets.UTF_8);
    }

    private static CliRun perturb(String... args) {
        return CliRun.command("perturb", args);
    }

    @Test
    void printsTheVersionsOneALineAndTheReportOnStderr() throws IOException {
        CliRun r = perturb(
                "--embeddings",
                smallGlove().toString(),
                "--epsilon",
                "1",
                "--mechanism",
                "santext",
                "--seed",
                "7",
                "--samples",
                "3",
                TEXT);
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        for (String line : lines) {
            assertTrue(line.matches("The \\w+ \\w+ \\w+ the \\w+, \\w+ 3 \\w+ \\w+\\."), line);
        }
        // 9 words a version, of which "The" and "the" are stopwords
        assertTrue(r.err().startsWith("privacy: santext, eps 1 per word; 21 of 27 words perturbed"), r.err());
        assertTrue(r.err().contains("21-DP in total under sequential composition"), r.err());
        assertEquals(
                r.out(),
                perturb(
                                "--embeddings",
                                smallGlove().toString(),
                                "--epsilon",
                                "1",
                                "--mechanism",
                                "santext",
                                "--seed",
                                "7",
                                "--samples",
                                "3",
                                TEXT)
                        .out(),
                "the same seed gives the same versions");
    }

    @Test
    void explainShowsEachWordsOutputsWithProbabilities() throws IOException {
        CliRun r = perturb(
                "--embeddings",
                smallGlove().toString(),
                "--epsilon",
                "2",
                "--mechanism",
                "custext",
                "--seed",
                "1",
                "--explain",
                "--top",
                "3",
                "The doctor walked.");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        assertTrue(
                lines.get(1).matches("doctor: doctor 0\\.\\d+, surgeon 0\\.\\d+, nurse 0\\.\\d+ \\(15 outputs\\)"),
                lines.get(1));
        assertTrue(lines.get(2).startsWith("walked: walked "), lines.get(2));
    }

    @Test
    void aFileIsPerturbedLineByLineWithAJsonReportBesideIt() throws IOException {
        Path in = Files.writeString(tmp.resolve("in.txt"), "the doctor walked\nold bridges near the river\n");
        Path out = tmp.resolve("out.txt");
        CliRun r = perturb(
                "--embeddings",
                smallGlove().toString(),
                "--epsilon",
                "3",
                "--mechanism",
                "rantext",
                "--seed",
                "2",
                "--numbers",
                "inferdpt",
                "--input",
                in.toString(),
                "--output",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(2, Files.readAllLines(out).size());
        JsonNode report =
                new ObjectMapper().readTree(tmp.resolve("out.txt.privacy.json").toFile());
        assertEquals("rantext", report.get("mechanism").asText());
        assertEquals(6, report.get("perturbed").asLong()); // the stopword "the" passes through
        assertEquals(18, report.get("totalEpsilon").asDouble(), 1e-12);
        assertEquals("NONE_PROVEN", report.get("guarantee").asText());
        assertEquals(2, report.get("seed").asLong());
    }

    @Test
    void theSharedGloveVectorsWorkEndToEnd() {
        String glove =
                SharedFiles.path("embeddings/glove.6B.100d.wink-top50000.txt").toString();
        CliRun same = perturb("--embeddings", glove, "--epsilon", "1e6", "--mechanism", "custext", TEXT);
        assertEquals(0, same.code(), same.err());
        assertEquals(TEXT, same.out().strip());
        CliRun changed =
                perturb("--embeddings", glove, "--epsilon", "1", "--mechanism", "custext", "--seed", "3", TEXT);
        assertNotEquals(TEXT, changed.out().strip());
    }

    @Test
    void tokenLevelWithAModelAndItsTokenizer() {
        String model = MadeMaterial.model().toString();
        String tokenizer = MadeMaterial.tokenizer().toString();
        String story = "Once upon a time, there was a little girl named Lily.";
        CliRun r = perturb("--embeddings", model, "--tokenizer", tokenizer, "--epsilon", "1e6", "--seed", "1", story);
        assertEquals(0, r.code(), r.err());
        assertEquals(story, r.out().strip());
        assertTrue(r.err().startsWith("privacy: rantext, eps 1000000 per token;"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "NaN"})
    void aNonPositiveEpsIsOneClearError(String eps) throws IOException {
        CliRun r = perturb("--embeddings", smallGlove().toString(), "--epsilon", eps, TEXT);
        assertEquals(1, r.code());
        assertEquals(
                "fedcot: epsilon must be a positive finite number, not "
                        + (eps.equals("0") ? "0.0" : eps.equals("-1") ? "-1.0" : "NaN") + System.lineSeparator(),
                r.err());
    }

    @Test
    void anEmptyTextIsOneClearError() throws IOException {
        CliRun r = perturb("--embeddings", smallGlove().toString(), "--epsilon", "1", "  ");
        assertEquals(1, r.code());
        assertEquals("fedcot: nothing to perturb: the text is empty", r.err().strip());
    }

    @Test
    void embeddingsOfTheWrongFormatOrDimensionAreOneClearError() throws IOException {
        Path json = Files.writeString(tmp.resolve("vectors.json"), "{\"doctor\": [1, 0]}\n");
        CliRun r = perturb("--embeddings", json.toString(), "--epsilon", "1", TEXT);
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("fedcot: " + json + " line 1: '[1,' is not a finite number"), r.err());
        Path ragged = Files.writeString(tmp.resolve("ragged.txt"), "doctor 1 0 0\nriver 0 1\n");
        r = perturb("--embeddings", ragged.toString(), "--epsilon", "1", TEXT);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("line 2: a vector of dimension 2, but line 1 has dimension 3"), r.err());
        r = perturb("--embeddings", tmp.resolve("missing.txt").toString(), "--epsilon", "1", TEXT);
        assertTrue(r.err().contains("no such embeddings file or model directory"), r.err());
    }

    @Test
    void unknownChoicesAreNamed() throws IOException {
        CliRun r = perturb("--embeddings", smallGlove().toString(), "--epsilon", "1", "--mechanism", "laplace", TEXT);
        assertEquals(
                "fedcot: unknown mechanism 'laplace'; choose rantext, santext, santext-euclidean, custext",
                r.err().strip());
        r = perturb("--embeddings", smallGlove().toString(), "--epsilon", "1", "--numbers", "drop", TEXT);
        assertEquals(
                "fedcot: --numbers drop is not one of keep, custext, inferdpt",
                r.err().strip());
    }
}
