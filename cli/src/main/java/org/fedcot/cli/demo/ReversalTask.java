package org.fedcot.cli.demo;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.fedcot.tensor.ops.CrossEntropy;

/**
 * The embedded task: read L digits and a separator, then write the digits reversed. Sequences are
 * {@code d1..dL SEP dL..d1}; the loss covers only the reversed half, so the prompt is masked.
 */
final class ReversalTask {
    static final int DIGITS = 10;
    static final int SEP = 10;
    static final int VOCAB = 11;

    private final int length;

    ReversalTask(int length) {
        this.length = length;
    }

    /** Sequence length: the digits, the separator and the reversed digits. */
    int sequenceLength() {
        return 2 * length + 1;
    }

    int length() {
        return length;
    }

    /**
     * A batch of sequences [B * T] and their labels in Hugging Face's convention (the model shifts
     * them): the digits and the separator are labelled {@link CrossEntropy#IGNORE_INDEX}, so only the
     * reversed half is learned.
     */
    int[][] batch(SplittableRandom rng, int B) {
        int T = sequenceLength();
        int[] ids = new int[B * T];
        int[] labels = new int[B * T];
        Arrays.fill(labels, CrossEntropy.IGNORE_INDEX);
        for (int b = 0; b < B; b++) {
            int[] seq = sequence(digits(rng));
            System.arraycopy(seq, 0, ids, b * T, T);
            System.arraycopy(seq, length + 1, labels, b * T + length + 1, length);
        }
        return new int[][]{ids, labels};
    }

    int[] digits(SplittableRandom rng) {
        int[] d = new int[length];
        for (int i = 0; i < length; i++) {
            d[i] = rng.nextInt(DIGITS);
        }
        return d;
    }

    /** The full sequence d, SEP, reverse(d). */
    int[] sequence(int[] d) {
        int[] seq = new int[2 * length + 1];
        System.arraycopy(d, 0, seq, 0, length);
        seq[length] = SEP;
        for (int i = 0; i < length; i++) {
            seq[length + 1 + i] = d[length - 1 - i];
        }
        return seq;
    }
}
