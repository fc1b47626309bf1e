package org.fedcot.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TestModels;
import org.fedcot.models.transformer.TransformerConfig;
import org.fedcot.tensor.NoGrad;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The llama2.c formats on a random model of stories260K's shape written here as a legacy file with a
 * shared classifier (see {@link Llama2cFiles}): it loads back as it was; version 1 and unshared
 * classifiers (both written here from its bytes, reordered as llama2.c's export.py orders them) hold
 * the same weights; truncated and corrupt files get clear errors; a loaded model saves as a Hugging
 * Face checkpoint.
 */
class Llama2cCheckpointTest {
    private static final int DIM = 64;
    private static final int HIDDEN = 172;
    private static final int LAYERS = 5;
    private static final int KV_DIM = 32;
    private static final int HEADS = 8;
    private static final int VOCAB = 512;
    private static final int SEQ = 512;
    private static final int LEGACY_HEADER = 28;

    private static DecoderModel made;
    private static byte[] bytes;
    private static DecoderModel reference;

    @TempDir
    Path tmp;

    @BeforeAll
    static void writeAndLoad() throws IOException {
        made = DecoderModel.random(
                TransformerConfig.builder(ModelType.LLAMA)
                        .vocabSize(VOCAB)
                        .hiddenSize(DIM)
                        .intermediateSize(HIDDEN)
                        .numLayers(LAYERS)
                        .numHeads(HEADS)
                        .numKvHeads(HEADS * KV_DIM / DIM)
                        .normEps(1e-5)
                        .ropeTheta(10000)
                        .maxPositionEmbeddings(SEQ)
                        .tieWordEmbeddings(true)
                        .build(),
                260);
        bytes = Llama2cFiles.legacy(made);
        Path legacy = Files.createTempFile("made-stories", ".bin");
        legacy.toFile().deleteOnExit();
        reference = Llama2cCheckpoint.load(Files.write(legacy, bytes));
    }

    @Test
    void aWrittenModelLoadsBackAsItWas() {
        for (Map.Entry<String, Tensor> e : made.namedParameters().entrySet()) {
            TestModels.assertSameValues(e.getKey(), reference.namedParameters().get(e.getKey()), e.getValue());
        }
        int[] ids = TestModels.randomIds(20, VOCAB, 5);
        try (NoGrad ignored = NoGrad.enter()) {
            TestModels.assertSameValues("logits", reference.logits(ids, 1, 20), made.logits(ids, 1, 20));
        }
    }

    @Test
    void version1HoldsTheSameWeights() throws IOException {
        Path v1 = Files.write(tmp.resolve("v1.bin"), version1(true, new byte[0]));
        assertSameParameters(reference, Llama2cCheckpoint.load(v1));
    }

    @Test
    void unsharedClassifiersAreReadFromTheEndOfTheFile() throws IOException {
        byte[] wcls = classifier();
        byte[] legacyUnshared = concat(bytes, wcls);
        ByteBuffer.wrap(legacyUnshared).order(ByteOrder.LITTLE_ENDIAN).putInt(20, -VOCAB);
        for (byte[] file : new byte[][] {legacyUnshared, version1(false, wcls)}) {
            DecoderModel m = Llama2cCheckpoint.load(Files.write(tmp.resolve("unshared.bin"), file));
            assertFalse(m.config().tieWordEmbeddings());
            Tensor head = m.namedParameters().get("lm_head.weight");
            assertArrayEquals(floats(wcls, 0, VOCAB * DIM), head.toArray(), "lm_head.weight");
            for (Map.Entry<String, Tensor> e : reference.namedParameters().entrySet()) {
                TestModels.assertSameValues(e.getKey(), m.namedParameters().get(e.getKey()), e.getValue());
            }
        }
    }

    @Test
    void aTruncatedFileNamesItselfAndBothSizes() throws IOException {
        Path cut = Files.write(tmp.resolve("cut.bin"), Arrays.copyOf(bytes, bytes.length - 100));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Llama2cCheckpoint.load(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        assertTrue(
                e.getMessage().contains("truncated")
                        && e.getMessage().contains("expected " + bytes.length + " bytes")
                        && e.getMessage().contains("has " + (bytes.length - 100)),
                e.getMessage());
        Path tiny = Files.write(tmp.resolve("tiny.bin"), new byte[10]);
        assertTrue(assertThrows(CheckpointException.class, () -> Llama2cCheckpoint.load(tiny))
                .getMessage()
                .contains("shorter than its 28-byte header"));
    }

    @Test
    void corruptHeadersAndQuantisedVersionsAreRefused() throws IOException {
        byte[] zeroHeads = bytes.clone();
        ByteBuffer.wrap(zeroHeads).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 0);
        Path bad = Files.write(tmp.resolve("bad.bin"), zeroHeads);
        assertTrue(assertThrows(CheckpointException.class, () -> Llama2cCheckpoint.load(bad))
                .getMessage()
                .contains("n_heads 0"));
        byte[] v2 = version1(true, new byte[0]);
        ByteBuffer.wrap(v2).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2);
        Path q80 = Files.write(tmp.resolve("q80.bin"), v2);
        assertTrue(assertThrows(CheckpointException.class, () -> Llama2cCheckpoint.load(q80))
                .getMessage()
                .contains("version 2 is not supported"));
    }

    @Test
    void aLoadedModelSavesAsAnOrdinaryHuggingFaceLlama() throws IOException {
        HfCheckpointWriter.save(reference, tmp);
        DecoderModel reloaded = HfCheckpoint.load(tmp);
        assertEquals(reference.config(), reloaded.config());
        int[] ids = TestModels.randomIds(20, VOCAB, 4);
        try (NoGrad ignored = NoGrad.enter()) {
            TestModels.assertSameValues("logits", reloaded.logits(ids, 1, 20), reference.logits(ids, 1, 20));
        }
    }

    /** The legacy file reordered into export.py's version-1 layout, with an optional classifier appended. */
    private static byte[] version1(boolean shared, byte[] classifier) {
        ByteBuffer header = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0x616b3432).putInt(1);
        ByteBuffer legacyHeader = ByteBuffer.wrap(bytes, 0, LEGACY_HEADER).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 7; i++) {
            header.putInt(legacyHeader.getInt());
        }
        header.put((byte) (shared ? 1 : 0));
        // legacy sections in file order: embedding, rms_att, wq, wk, wv, wo, rms_ffn, w1, w2, w3, rms_final
        long[] sizes = {
            VOCAB * DIM,
            LAYERS * DIM,
            LAYERS * DIM * DIM,
            LAYERS * KV_DIM * DIM,
            LAYERS * KV_DIM * DIM,
            LAYERS * DIM * DIM,
            LAYERS * DIM,
            LAYERS * DIM * HIDDEN,
            LAYERS * HIDDEN * DIM,
            LAYERS * DIM * HIDDEN,
            DIM
        };
        byte[][] sections = new byte[sizes.length][];
        int at = LEGACY_HEADER;
        for (int i = 0; i < sizes.length; i++) {
            sections[i] = Arrays.copyOfRange(bytes, at, at + (int) (4 * sizes[i]));
            at += (int) (4 * sizes[i]);
        }
        assertEquals(bytes.length, at + 4 * SEQ * (DIM / 8), "legacy layout: the rotary tables end the file");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        for (int i : new int[] {1, 6, 10, 0, 2, 3, 4, 5, 7, 8, 9}) {
            out.writeBytes(sections[i]);
        }
        out.writeBytes(classifier);
        return out.toByteArray();
    }

    /** A classifier distinct from the embedding: the embedding's values scaled by -0.5. */
    private static byte[] classifier() {
        float[] embed = floats(bytes, LEGACY_HEADER, VOCAB * DIM);
        ByteBuffer out = ByteBuffer.allocate(4 * embed.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : embed) {
            out.putFloat(-0.5f * f);
        }
        return out.array();
    }

    private static float[] floats(byte[] b, int offset, int n) {
        float[] out = new float[n];
        ByteBuffer.wrap(b, offset, 4 * n)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer()
                .get(out);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void assertSameParameters(DecoderModel expected, DecoderModel actual) {
        assertEquals(expected.config(), actual.config());
        for (Map.Entry<String, Tensor> e : expected.namedParameters().entrySet()) {
            TestModels.assertSameValues(e.getKey(), actual.namedParameters().get(e.getKey()), e.getValue());
        }
    }
}
