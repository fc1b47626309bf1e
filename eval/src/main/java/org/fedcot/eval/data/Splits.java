package org.fedcot.eval.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded splits and data fractions. Every item gets a rank in a random permutation drawn from the seed;
 * a fraction f keeps the items ranked below round(f·n), so with one seed the 25% subset lies inside the
 * 50% subset, and so on, and a split's first part is exactly the fraction of the same seed. Items keep
 * their list order, so index-aligned data (rationales) stays aligned.
 */
public final class Splits {

    private Splits() {}

    /** {@code items} cut into round(fraction·n) items chosen by {@code seed} and the rest. */
    public static <T> Split<T> split(List<T> items, double fraction, long seed) {
        boolean[] chosen = chosen(items.size(), fraction, seed);
        List<T> first = new ArrayList<>();
        List<T> second = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            (chosen[i] ? first : second).add(items.get(i));
        }
        return new Split<>(first, second);
    }

    /** The round(fraction·n) items of {@code items} chosen by {@code seed}, in list order (a data fraction). */
    public static <T> List<T> fraction(List<T> items, double fraction, long seed) {
        return split(items, fraction, seed).first();
    }

    /** Which items the fraction keeps: those whose rank in the seed's permutation is below its size. */
    private static boolean[] chosen(int n, double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1))
            throw new IllegalArgumentException("fraction " + fraction + " is outside [0, 1]");
        int size = (int) Math.round(fraction * n);
        int[] order = permutation(n, seed);
        boolean[] chosen = new boolean[n];
        for (int rank = 0; rank < size; rank++) {
            chosen[order[rank]] = true;
        }
        return chosen;
    }

    /** Fisher-Yates over java.util.Random, whose sequence the JDK specifies: the same on every JVM. */
    private static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
