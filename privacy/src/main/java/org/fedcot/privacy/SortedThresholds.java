package org.fedcot.privacy;

import java.util.Arrays;

/**
 * RanText thresholds, sorted, with an index that answers "how many of them are at most c" for a similarity c
 * in a few operations (a binary search per row of a 50,000-word vocabulary cost more than the rest of the
 * attack's work on the row): [-1, 1] is cut into {@link #CELLS} cells, each cell knows how many thresholds lie
 * in the cells below it, and only the thresholds inside c's own cell (rarely more than one) are compared.
 */
final class SortedThresholds {
    private static final int CELLS = 4096;

    private final double[] values;
    /** below[g] = how many thresholds lie in cells below g; below[CELLS] = all of them. */
    private final int[] below = new int[CELLS + 1];

    SortedThresholds(double[] thresholds) {
        this.values = thresholds.clone();
        Arrays.sort(values);
        for (double s : values) {
            below[cell(s) + 1]++;
        }
        for (int g = 0; g < CELLS; g++) {
            below[g + 1] += below[g];
        }
    }

    /** The cell of {@code c}, monotone in c: a threshold in a lower cell than c is below c. */
    private static int cell(double c) {
        return Math.min((int) ((Math.clamp(c, -1, 1) + 1) * (CELLS / 2.0)), CELLS - 1);
    }

    /** How many thresholds there are. */
    int size() {
        return values.length;
    }

    /** The i-th smallest threshold. */
    double get(int i) {
        return values[i];
    }

    /** How many thresholds are at most {@code c}. */
    int reached(double c) {
        int g = cell(c);
        int n = below[g];
        while (n < below[g + 1] && values[n] <= c) {
            n++;
        }
        return n;
    }
}
