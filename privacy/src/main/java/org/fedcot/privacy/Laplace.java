package org.fedcot.privacy;

import java.util.SplittableRandom;

/** Laplace(0, b) draws: an exponential of mean b with a random sign. */
final class Laplace {
    private Laplace() {}

    /** One draw from the Laplace distribution with location 0 and scale {@code b}. */
    static double sample(SplittableRandom rng, double b) {
        double exponential = -Math.log1p(-rng.nextDouble()); // nextDouble < 1, so the log is finite
        return rng.nextBoolean() ? b * exponential : -b * exponential;
    }

    /**
     * The same law through the JDK's ziggurat exponential ({@link SplittableRandom#nextExponential}), several
     * times faster than a logarithm but another stream of numbers than {@link #sample}: the attacks' threshold
     * estimates use it, while the mechanisms keep {@link #sample} so that a seed releases the text it always did.
     */
    static double sampleFast(SplittableRandom rng, double b) {
        double exponential = rng.nextExponential();
        return rng.nextBoolean() ? b * exponential : -b * exponential;
    }

    /** A way to draw Laplace(0, b). */
    @FunctionalInterface
    interface Draw {
        double sample(SplittableRandom rng, double b);
    }
}
