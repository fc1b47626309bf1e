package org.fedcot.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fedcot.models.tokenizer.llama2c.Llama2cTokenizer;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.KvCache;
import org.fedcot.tensor.NoGrad;
import org.fedcot.tensor.Tensor;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real llama2.c checkpoint stories260K (legacy format) against the outputs of llama2.c's run.c
 * (see the shared folder's models/README.md): per-position logits, through the KV-cache forward one
 * token at a time and through the full-sequence training forward, and 256 steps of greedy decoding,
 * byte for byte.
 */
class Stories260KTest {
    private static final String DIR = "models/stories260K/";
    private static final double TOL = 1e-4;
    private static final int STEPS = 256;

    private static DecoderModel model;
    /** The reference run: input[i] fed at position i, next[i] the prompt token or argmax that followed. */
    private static int[] input;

    private static int[] next;
    private static float[][] refLogits;

    @BeforeAll
    static void load() throws IOException {
        model = Llama2cCheckpoint.load(SharedFiles.path(DIR + "stories260K.bin"));
        List<int[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(SharedFiles.path(DIR + "ref_once_upon_a_time.tokens.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(Arrays.stream(line.trim().split("\\s+"))
                        .mapToInt(Integer::parseInt)
                        .toArray());
            }
        }
        input = rows.stream().mapToInt(r -> r[1]).toArray();
        next = rows.stream().mapToInt(r -> r[2]).toArray();
        int V = model.config().vocabSize();
        ByteBuffer bytes = ByteBuffer.wrap(
                        Files.readAllBytes(SharedFiles.path(DIR + "ref_once_upon_a_time.logits.f32")))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(input.length * V * 4, bytes.capacity(), "reference logits: one row per fed token");
        refLogits = new float[input.length][V];
        for (float[] row : refLogits) {
            bytes.asFloatBuffer().get(row);
            bytes.position(bytes.position() + 4 * V);
        }
    }

    @Test
    void theHeaderMapsOntoALlamaConfig() {
        var c = model.config();
        assertEquals(
                List.of(64, 172, 5, 8, 4, 512, 512, 8),
                List.of(
                        c.hiddenSize(),
                        c.intermediateSize(),
                        c.numLayers(),
                        c.numHeads(),
                        c.numKvHeads(),
                        c.vocabSize(),
                        c.maxPositionEmbeddings(),
                        c.headDim()));
        assertTrue(c.tieWordEmbeddings(), "stories260K shares its classifier with the embedding");
    }

    @Test
    void kvCacheForwardOneTokenAtATimeMatchesRunC() {
        KvCache cache = model.newCache(1, input.length);
        double maxErr = 0;
        for (int i = 0; i < input.length; i++) {
            Tensor logits = model.forward(cache, new int[] {input[i]}, false);
            maxErr = Math.max(maxErr, maxAbsDiff(logits.toArray(), refLogits[i]));
        }
        assertTrue(maxErr <= TOL, "KV-cache logits differ from run.c's by " + maxErr);
    }

    @Test
    void fullSequenceForwardMatchesRunC() {
        int V = model.config().vocabSize();
        float[] all;
        try (NoGrad ignored = NoGrad.enter()) {
            all = model.logits(input, 1, input.length).toArray();
        }
        double maxErr = 0;
        for (int i = 0; i < input.length; i++) {
            maxErr = Math.max(maxErr, maxAbsDiff(Arrays.copyOfRange(all, i * V, (i + 1) * V), refLogits[i]));
        }
        assertTrue(maxErr <= TOL, "full-sequence logits differ from run.c's by " + maxErr);
    }

    /**
     * run.c's generate loop at temperature 0: feed the token at pos, take the next prompt token or the
     * argmax, stop at BOS or after 256 positions, print everything fed after BOS.
     */
    @Test
    void greedyDecodingReproducesRunCByteForByte() throws IOException {
        int[] prompt = Arrays.copyOf(input, 5); // BOS + "Once upon a time", as the reference encoded it
        KvCache cache = model.newCache(1, STEPS);
        List<Integer> tokens = new ArrayList<>(List.of(prompt[0]));
        int token = prompt[0];
        for (int pos = 0; pos < STEPS; pos++) {
            float[] logits = model.forward(cache, new int[] {token}, false).toArray();
            int following = pos + 1 < prompt.length ? prompt[pos + 1] : argmax(logits);
            if (following == Llama2cTokenizer.BOS) {
                break;
            }
            tokens.add(following);
            token = following;
        }
        int[] ids = tokens.stream().mapToInt(Integer::intValue).toArray();
        assertArrayEquals(next, Arrays.copyOfRange(ids, 1, next.length + 1), "the reference's first 64 next tokens");
        Path tok = SharedFiles.path(DIR + "tok512.bin");
        // run.c prints each token as it goes and a newline at the end
        String text = Llama2cTokenizer.load(tok, model.config().vocabSize()).decode(ids) + "\n";
        String expected =
                Files.readString(SharedFiles.path(DIR + "greedy_t0_once_upon_a_time_256.txt"), StandardCharsets.UTF_8);
        assertEquals(expected, text);
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(b.length, a.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
