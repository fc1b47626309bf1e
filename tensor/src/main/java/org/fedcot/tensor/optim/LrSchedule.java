package org.fedcot.tensor.optim;

import java.util.Locale;

/**
 * A learning-rate schedule with the formulas of Hugging Face transformers' schedulers, as the
 * multiplier {@code LambdaLR} applies to the base rate after {@code step} scheduler steps:
 * <ul>
 * <li>{@link Kind#CONSTANT}: {@code get_constant_schedule_with_warmup} (with no warm-up, the same
 *     as {@code get_constant_schedule}): linear ramp {@code step / warmup}, then 1;</li>
 * <li>{@link Kind#COSINE}: {@code get_cosine_schedule_with_warmup} with {@code num_cycles = 0.5}:
 *     the ramp, then {@code 0.5 * (1 + cos(pi * progress))} from 1 down to 0;</li>
 * <li>{@link Kind#LINEAR}: {@code get_linear_schedule_with_warmup}: the ramp, then
 *     {@code (total - step) / (total - warmup)} down to 0;</li>
 * </ul>
 * where {@code progress = (step - warmup) / max(1, total - warmup)}. Past {@code total} the linear
 * multiplier stays at 0 while the cosine one, exactly as Hugging Face's, climbs back up the cosine:
 * schedule at most {@code total} steps.
 *
 * @param kind        the shape of the schedule
 * @param baseLr      the learning rate the multiplier scales
 * @param warmupSteps steps of linear warm-up from 0 to {@code baseLr}
 * @param totalSteps  the step at which a decaying schedule reaches 0 (ignored by {@code CONSTANT})
 */
public record LrSchedule(Kind kind, double baseLr, int warmupSteps, int totalSteps) {
    /** The schedule shapes; {@link #parse} accepts their lower-case names. */
    public enum Kind {
        CONSTANT,
        COSINE,
        LINEAR
    }

    public LrSchedule {
        if (kind == null) {
            throw new IllegalArgumentException("LrSchedule: kind is null");
        }
        if (!(baseLr >= 0) || Double.isInfinite(baseLr)) {
            throw new IllegalArgumentException("LrSchedule: baseLr must be finite and >= 0, got " + baseLr);
        }
        if (warmupSteps < 0 || totalSteps < 0) {
            throw new IllegalArgumentException(
                    "LrSchedule: warmupSteps (" + warmupSteps + ") and totalSteps (" + totalSteps + ") must be >= 0");
        }
        if (kind != Kind.CONSTANT && totalSteps < warmupSteps) {
            // HF accepts this but then decays to 0 the moment warm-up ends: surely a mistake.
            throw new IllegalArgumentException("LrSchedule " + kind.name().toLowerCase(Locale.ROOT) + ": totalSteps ("
                    + totalSteps + ") is less than warmupSteps (" + warmupSteps + ")");
        }
    }

    /** A constant rate, optionally after a linear warm-up. */
    public static LrSchedule constant(double baseLr, int warmupSteps) {
        return new LrSchedule(Kind.CONSTANT, baseLr, warmupSteps, 0);
    }

    /** Linear warm-up then half a cosine down to 0 at {@code totalSteps}. */
    public static LrSchedule cosine(double baseLr, int warmupSteps, int totalSteps) {
        return new LrSchedule(Kind.COSINE, baseLr, warmupSteps, totalSteps);
    }

    /** Linear warm-up then linear decay to 0 at {@code totalSteps}. */
    public static LrSchedule linear(double baseLr, int warmupSteps, int totalSteps) {
        return new LrSchedule(Kind.LINEAR, baseLr, warmupSteps, totalSteps);
    }

    /**
     * The schedule named {@code name} ("constant", "cosine" or "linear", any case), for command lines.
     *
     * @throws IllegalArgumentException listing the known names when {@code name} is none of them
     */
    public static LrSchedule parse(String name, double baseLr, int warmupSteps, int totalSteps) {
        for (Kind k : Kind.values()) {
            if (k.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return new LrSchedule(k, baseLr, warmupSteps, totalSteps);
            }
        }
        throw new IllegalArgumentException(
                "unknown learning-rate schedule '" + name + "'; expected one of: constant, cosine, linear");
    }

    /** The learning rate after {@code step} scheduler steps ({@code step >= 0}). */
    public double lr(int step) {
        return baseLr * multiplier(step);
    }

    /** The factor in [0, 1] applied to {@code baseLr} after {@code step} scheduler steps. */
    public double multiplier(int step) {
        if (step < 0) {
            throw new IllegalArgumentException("LrSchedule: step must be >= 0, got " + step);
        }
        if (step < warmupSteps) {
            return (double) step / Math.max(1, warmupSteps);
        }
        return switch (kind) {
            case CONSTANT -> 1.0;
            case COSINE -> {
                double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
                yield Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * progress)));
            }
            case LINEAR -> Math.max(0.0, (double) (totalSteps - step) / Math.max(1, totalSteps - warmupSteps));
        };
    }
}
