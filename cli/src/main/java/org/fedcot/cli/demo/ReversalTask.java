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

    /** Model input length: the whole sequence but its last token. */
    int inputLength() {
        return 2 * length;
    }

    int length() {
        return length;
    }

    /** A batch of inputs [B * T] and next-token targets [B * T], prompt positions ignored. */
    int[][] batch(SplittableRandom rng, int B) {
        int T = inputLength();
        int[] ids = new int[B * T];
        int[] targets = new int[B * T];
        Arrays.fill(targets, CrossEntropy.IGNORE_INDEX);
        for (int b = 0; b < B; b++) {
            int[] seq = sequence(digits(rng));
            System.arraycopy(seq, 0, ids, b * T, T);
            for (int t = length; t < T; t++) {
                targets[b * T + t] = seq[t + 1];
            }
        }
        return new int[][]{ids, targets};
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
