package org.fedcot.privacy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The mechanisms' output distributions computed straight from their definitions, in double, from
 * raw vectors, sharing no code with the implementation: the reference the exact tables are checked
 * against.
 */
final class Definitions {
    private Definitions() {}

    static double cos(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** Pr[r | x] ∝ exp(eps * u(x, r) / (2 * deltaU)) over the rows for which {@code candidate} holds. */
    static double[] exponential(double[] utility, boolean[] candidate, double eps, double deltaU) {
        // Shifting every utility by the same constant leaves the distribution as it is; it keeps
        // exp finite, which matters to the definition's value only through overflow.
        double max = IntStream.range(0, utility.length)
                .filter(r -> candidate[r])
                .mapToDouble(r -> utility[r])
                .max()
                .orElseThrow();
        double[] p = new double[utility.length];
        double z = 0;
        for (int r = 0; r < p.length; r++) {
            p[r] = candidate[r] ? Math.exp(eps * (utility[r] - max) / (2 * deltaU)) : 0;
            z += p[r];
        }
        for (int r = 0; r < p.length; r++) {
            p[r] /= z;
        }
        return p;
    }

    /** cos(x, r) for every r, with cos(x, x) = 1 as the definition has it. */
    static double[] similarities(double[][] v, int x) {
        double[] u = new double[v.length];
        for (int r = 0; r < v.length; r++) {
            u[r] = r == x ? 1 : cos(v[x], v[r]);
        }
        return u;
    }

    /** SanText: every row a candidate, utility cos, sensitivity deltaU. */
    static double[] santext(double[][] v, int x, double eps, double deltaU) {
        boolean[] all = new boolean[v.length];
        Arrays.fill(all, true);
        return exponential(similarities(v, x), all, eps, deltaU);
    }

    /** The published SanText: every row a candidate, Pr[r | x] ∝ exp(-eps * |v_x - v_r| / 2) on the raw vectors. */
    static double[] santextEuclidean(double[][] v, int x, double eps) {
        boolean[] all = new boolean[v.length];
        Arrays.fill(all, true);
        double[] u = new double[v.length];
        for (int r = 0; r < v.length; r++) {
            u[r] = -distance(v[x], v[r]);
        }
        // exponential() divides by 2 deltaU: deltaU = 1 gives eps * u / 2
        return exponential(u, all, eps, 1);
    }

    /** The Euclidean distance. */
    static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }

    /** CusText: x's k nearest rows by cos (x first), utility min-max normalised among them, deltaU = 1. */
    static double[] custext(double[][] v, int x, double eps, int k) {
        double[] sim = similarities(v, x);
        Integer[] order = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(r -> r == x ? Double.NEGATIVE_INFINITY : -sim[r]));
        boolean[] top = new boolean[v.length];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < Math.min(k, v.length); i++) {
            top[order[i]] = true;
            min = Math.min(min, sim[order[i]]);
            max = Math.max(max, sim[order[i]]);
        }
        double[] u = new double[v.length];
        for (int r = 0; r < v.length; r++) {
            u[r] = max > min ? (sim[r] - min) / (max - min) : 1;
        }
        return exponential(u, top, eps, 1);
    }

    /** RanText given threshold s: candidates are the rows with cos(x, r) >= s, utility cos, deltaU = 1. */
    static double[] rantextGiven(double[][] v, int x, double s, double eps) {
        double[] sim = similarities(v, x);
        boolean[] candidate = new boolean[v.length];
        for (int r = 0; r < v.length; r++) {
            candidate[r] = sim[r] >= s;
        }
        return exponential(sim, candidate, eps, 1);
    }

    /** The per-dimension range of the vectors: RanText's delta_f. */
    static double[] ranges(double[][] v) {
        double[] range = new double[v[0].length];
        for (int d = 0; d < range.length; d++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] row : v) {
                min = Math.min(min, row[d]);
                max = Math.max(max, row[d]);
            }
            range[d] = max - min;
        }
        return range;
    }
}
