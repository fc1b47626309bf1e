package org.fedcot.models.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.fedcot.models.checkpoint.ModelPath;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Greedy generation on a random llama2.c checkpoint, loaded as {@code fedcot generate} loads it, gives
 * the ids of bench/numpy_generate.py, a numpy reference written apart from the Java code (see the
 * fixture's README.md for how both files were made).
 */
class Llama2cReferenceGenerationTest {
    private static final String DIR = "/llama2c/random_tiny/";
    private static final int BOS = 1;

    private static DecoderModel model;

    @BeforeAll
    static void load() throws IOException {
        model = ModelPath.load(TestModels.resource(DIR + "model.bin"));
    }

    @Test
    void greedyIdsMatchTheNumpyReference() throws IOException {
        List<int[][]> cases = referenceRuns(TestModels.resource(DIR + "greedy_ids.txt"));
        assertEquals(3, cases.size(), "reference runs in greedy_ids.txt");
        int seqLen = model.config().maxPositionEmbeddings();
        for (int[][] run : cases) {
            int[] prompt = run[0];
            // run.c's loop: seq_len positions, the first len(prompt) - 1 forcing prompt tokens, each
            // later one drawing a token, until the draw is BOS
            GenerationOptions runC = new GenerationOptions(seqLen - prompt.length + 1, Set.of(BOS), List.of());
            Generation g = new Generator(model, (fed, generated) -> "").generate(prompt, runC, Sampler.greedy());
            assertArrayEquals(run[1], g.ids(), "generated ids after prompt " + Arrays.toString(prompt));
        }
    }

    /** Pairs of "prompt ids: ..." and "generated ids: ..." lines. */
    private static List<int[][]> referenceRuns(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<int[][]> runs = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            runs.add(new int[][] {ids(lines.get(i), "prompt ids:"), ids(lines.get(i + 1), "generated ids:")});
        }
        return runs;
    }

    private static int[] ids(String line, String label) {
        if (!line.startsWith(label)) {
            throw new IllegalStateException("greedy_ids.txt: expected a line starting '" + label + "', got: " + line);
        }
        String rest = line.substring(label.length()).strip();
        return rest.isEmpty()
                ? new int[0]
                : Arrays.stream(rest.split(" ")).mapToInt(Integer::parseInt).toArray();
    }
}
