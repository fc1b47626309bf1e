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
}
