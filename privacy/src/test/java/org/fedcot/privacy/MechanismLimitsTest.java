package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The limits every mechanism must respect: huge eps, tiny eps, seeds, and bad eps. */
class MechanismLimitsTest {
    private static final String TEXT =
            "The beaver builds dams, and their supplies come from the wooded area near the river.\n"
                    + "  Doctors in Paris treated SEVEN patients!";

    private static PerturbationEngine engine(MechanismKind kind, double eps) {
        EmbeddingTable t = MadeGlove.table();
        return new PerturbationEngine(kind.create(eps, t), t, 1 << 26);
    }

    @ParameterizedTest
    @EnumSource(MechanismKind.class)
    void aHugeEpsReturnsTheInputWithoutOverflow(MechanismKind kind) {
        WordPerturber p = new WordPerturber(
                MadeGlove.table(), PerturbOptions.of(kind, 1e6).withKeepStopwords(false));
        Perturbation out = p.perturb(TEXT, new SplittableRandom(1));
        assertEquals(TEXT, out.text());
        assertEquals(0, out.counts().changed());
        assertTrue(out.counts().perturbed() > 15, out.counts().toString());
        Distribution d = engine(kind, 1e6).distribution(MadeGlove.row("river")).probabilities(new SplittableRandom(2));
        assertTrue(Arrays.stream(d.probabilities()).allMatch(Double::isFinite));
        assertEquals(1, d.probabilityOf(MadeGlove.row("river")), 1e-12);
    }

    @Test
    void aTinyEpsIsUniformOverTheCandidates() {
        double eps = 1e-9;
        int river = MadeGlove.row("river");
        Distribution san =
                engine(MechanismKind.SANTEXT, eps).distribution(river).probabilities(null);
        assertEquals(MadeGlove.table().size(), san.size());
        assertUniform(san);
        Distribution cus =
                engine(MechanismKind.CUSTEXT, eps).distribution(river).probabilities(null);
        assertEquals(CusText.K, cus.size());
        assertUniform(cus);
        RanText.Input ran = (RanText.Input) engine(MechanismKind.RANTEXT, eps).distribution(river);
        for (double s : new double[] {-1, 0.2, 0.5}) {
            assertUniform(ran.conditional(s));
        }
    }

    private static void assertUniform(Distribution d) {
        for (double p : d.probabilities()) {
            assertEquals(1.0 / d.size(), p, 1e-8 / d.size());
        }
    }

    @ParameterizedTest
    @EnumSource(MechanismKind.class)
    void theSameSeedGivesTheSameTextAndAnotherSeedAnother(MechanismKind kind) {
        WordPerturber p = new WordPerturber(MadeGlove.table(), PerturbOptions.of(kind, 3));
        String once = p.perturb(TEXT, new SplittableRandom(42)).text();
        // a fresh perturber, whose distributions are computed again, and in other company
        WordPerturber fresh =
                new WordPerturber(MadeGlove.table(), PerturbOptions.of(kind, 3).withCacheBytes(1));
        fresh.perturb("Completely different words about music and rain.", new SplittableRandom(1));
        assertEquals(once, fresh.perturb(TEXT, new SplittableRandom(42)).text());
        assertNotEquals(once, p.perturb(TEXT, new SplittableRandom(43)).text());
    }

    @Test
    void aWordsSimilaritiesDoNotDependOnItsBlock() {
        EmbeddingTable t = MadeGlove.table();
        CosineRows rows = new CosineRows(t);
        int[] many = new int[CosineRows.MAX_BLOCK];
        for (int i = 0; i < many.length; i++) {
            many[i] = 1000 + 17 * i;
        }
        float[] batch = new float[CosineRows.MAX_BLOCK * t.size()];
        rows.block(many, 0, many.length, batch);
        for (int i : new int[] {0, 13, 63}) {
            float[] alone = new float[CosineRows.MAX_BLOCK * t.size()];
            rows.block(many, i, 1, alone);
            assertArrayEquals(
                    Arrays.copyOfRange(batch, i * t.size(), (i + 1) * t.size()),
                    Arrays.copyOf(alone, t.size()),
                    "row " + many[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void epsMustBePositiveAndFinite(double eps) {
        for (MechanismKind kind : MechanismKind.values()) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> PerturbOptions.of(kind, eps));
            assertTrue(e.getMessage().contains("epsilon must be a positive finite number"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> kind.create(eps, Fixtures.small()));
        }
    }

    @Test
    void mechanismsAreNamedAsTheCommandLineSpellsThem() {
        assertEquals(MechanismKind.CUSTEXT, MechanismKind.parse("CusText"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MechanismKind.parse("dp"));
        assertEquals("unknown mechanism 'dp'; choose rantext, santext, santext-euclidean, custext", e.getMessage());
    }
}
