package org.fedcot.privacy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * A finite distribution over table rows: {@code probabilities[i]} is the probability of output row
 * {@code outputs[i]}. Rows absent from {@code outputs} have probability 0.
 *
 * @param outputs       distinct rows of the {@link EmbeddingTable}
 * @param probabilities their probabilities, summing to 1 (up to rounding)
 */
public record Distribution(int[] outputs, double[] probabilities) {
    /** Checks the lengths agree. */
    public Distribution {
        if (outputs.length != probabilities.length) {
            throw new IllegalArgumentException(
                    outputs.length + " outputs but " + probabilities.length + " probabilities");
        }
    }

    /** The rows of positive probability in {@code dense} (indexed by row), with those probabilities. */
    public static Distribution ofDense(double[] dense) {
        int[] outputs =
                IntStream.range(0, dense.length).filter(r -> dense[r] > 0).toArray();
        return new Distribution(
                outputs, Arrays.stream(outputs).mapToDouble(r -> dense[r]).toArray());
    }

    /** Number of outputs with a place in the table (some may have probability 0 after underflow). */
    public int size() {
        return outputs.length;
    }

    /** The probability of {@code row}, 0 when it is not an output. */
    public double probabilityOf(int row) {
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] == row) {
                return probabilities[i];
            }
        }
        return 0;
    }

    /** The probability of every row of a table of {@code rows} rows, indexed by row. */
    public double[] dense(int rows) {
        double[] p = new double[rows];
        for (int i = 0; i < outputs.length; i++) {
            p[outputs[i]] = probabilities[i];
        }
        return p;
    }

    /** The {@code n} most likely outputs, most likely first (ties: lower row first). */
    public Distribution top(int n) {
        int[] order = IntStream.range(0, outputs.length)
                .boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -probabilities[i])
                        .thenComparingInt(i -> outputs[i]))
                .limit(n)
                .mapToInt(Integer::intValue)
                .toArray();
        return new Distribution(
                Arrays.stream(order).map(i -> outputs[i]).toArray(),
                Arrays.stream(order).mapToDouble(i -> probabilities[i]).toArray());
    }
}
