package org.fedcot.tensor.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The schedules against Hugging Face's closed forms and their boundary identities. */
class LrScheduleTest {
    private static final double BASE = 3e-4;
    private static final int WARMUP = 10;
    private static final int TOTAL = 110;
    private static final double EXACT = 1e-15;

    @Test
    void constantRampsThenHolds() {
        LrSchedule s = LrSchedule.constant(BASE, 4);
        assertEquals(0.0, s.lr(0), EXACT);
        assertEquals(BASE / 4, s.lr(1), EXACT);
        assertEquals(BASE * 3 / 4, s.lr(3), EXACT);
        assertEquals(BASE, s.lr(4), EXACT);
        assertEquals(BASE, s.lr(1_000_000), EXACT);
        // Without warm-up it is get_constant_schedule: the base rate from step 0.
        assertEquals(BASE, LrSchedule.constant(BASE, 0).lr(0), EXACT);
    }

    @Test
    void cosineAtKeySteps() {
        LrSchedule s = LrSchedule.cosine(BASE, WARMUP, TOTAL);
        assertEquals(0.0, s.lr(0), EXACT);
        assertEquals(BASE / 2, s.lr(WARMUP / 2), EXACT);
        assertEquals(BASE, s.lr(WARMUP), EXACT);
        int decay = TOTAL - WARMUP;
        assertEquals(BASE * (0.5 + Math.sqrt(2) / 4), s.lr(WARMUP + decay / 4), 1e-12 * BASE);
        assertEquals(BASE / 2, s.lr(WARMUP + decay / 2), 1e-12 * BASE);
        assertEquals(BASE * (0.5 - Math.sqrt(2) / 4), s.lr(WARMUP + 3 * decay / 4), 1e-12 * BASE);
        assertEquals(0.0, s.lr(TOTAL), 1e-12 * BASE);
        for (int step = 0; step <= TOTAL; step++) {
            double expected =
                    step < WARMUP ? BASE * step / WARMUP : BASE * (1 + Math.cos(Math.PI * (step - WARMUP) / decay)) / 2;
            assertEquals(expected, s.lr(step), 1e-12 * BASE, "step " + step);
        }
    }

    @Test
    void linearAtKeySteps() {
        LrSchedule s = LrSchedule.linear(BASE, WARMUP, TOTAL);
        assertEquals(0.0, s.lr(0), EXACT);
        assertEquals(BASE, s.lr(WARMUP), EXACT);
        assertEquals(BASE / 2, s.lr((WARMUP + TOTAL) / 2), EXACT);
        assertEquals(BASE * 3 / 4, s.lr(WARMUP + (TOTAL - WARMUP) / 4), EXACT);
        assertEquals(0.0, s.lr(TOTAL), EXACT);
        assertEquals(0.0, s.lr(TOTAL + 50), EXACT);
        for (int step = WARMUP; step <= TOTAL; step++) {
            assertEquals(BASE * (TOTAL - step) / (TOTAL - WARMUP), s.lr(step), 1e-12 * BASE, "step " + step);
        }
    }

    @Test
    void noWarmupStartsAtTheBaseRate() {
        assertEquals(BASE, LrSchedule.cosine(BASE, 0, TOTAL).lr(0), EXACT);
        assertEquals(BASE, LrSchedule.linear(BASE, 0, TOTAL).lr(0), EXACT);
    }

    @Test
    void multiplierStaysInUnitInterval() {
        for (LrSchedule s : new LrSchedule[] {
            LrSchedule.cosine(BASE, WARMUP, TOTAL),
            LrSchedule.linear(BASE, WARMUP, TOTAL),
            LrSchedule.constant(BASE, WARMUP)
        }) {
            for (int step = 0; step <= TOTAL; step++) {
                double m = s.multiplier(step);
                assertTrue(m >= 0 && m <= 1, s + " step " + step + ": " + m);
            }
        }
    }

    @Test
    void parsesNamesForTheCommandLine() {
        assertEquals(LrSchedule.cosine(BASE, WARMUP, TOTAL), LrSchedule.parse("Cosine", BASE, WARMUP, TOTAL));
        assertEquals(
                LrSchedule.Kind.LINEAR,
                LrSchedule.parse("linear", BASE, WARMUP, TOTAL).kind());
        assertEquals(
                LrSchedule.Kind.CONSTANT,
                LrSchedule.parse(" constant ", BASE, 0, 0).kind());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> LrSchedule.parse("exponential", BASE, WARMUP, TOTAL));
        assertTrue(e.getMessage().contains("exponential") && e.getMessage().contains("cosine"), e.getMessage());
    }

    @Test
    void rejectsInconsistentArguments() {
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.cosine(BASE, 20, 10));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.linear(-1, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.constant(BASE, -1));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.linear(BASE, 0, 10)
                .lr(-1));
    }
}
