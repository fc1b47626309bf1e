package org.fedcot.pipeline.config;

import java.util.List;

/**
 * The range of every number a run config holds, checked before any work: a value outside it would otherwise
 * run to a meaningless result (answerTokens 0 leaves every answer empty, every method at 0%) or fail hours in.
 * Lengths in tokens also have to fit the client's model, which {@code RunModels} checks once it is open.
 */
final class ConfigRanges {
    /** The most tokens a length may name: beyond the context of any model a run would train on a CPU. */
    static final int MAX_TOKENS = 1 << 16;
    /** The most LLM requests in flight: more is a typo, and every one holds a thread and a connection. */
    static final int MAX_CONCURRENCY = 1024;
    /** The most SLM sequences decoded side by side: more is a typo, and every one holds a KV cache. */
    static final int MAX_BATCH = 1024;

    private ConfigRanges() {}

    /** Throws the first number of {@code source} out of its range. */
    static void check(ConfigSource source) {
        RunConfig c = source.config();
        if (c.task() != null) {
            checkTask(source, c.task());
        }
        if (c.seeds() != null) {
            checkSeeds(source, c.seeds());
        }
        LlmSettings llm = c.llm();
        if (!(llm.temperature() >= 0 && Double.isFinite(llm.temperature()))) {
            throw source.error("/llm/temperature", "must be a finite number >= 0, got " + llm.temperature());
        }
        between(source, "/llm/maxTokens", llm.maxTokens(), 1, MAX_TOKENS);
        between(source, "/llm/concurrency", llm.concurrency(), 1, MAX_CONCURRENCY);
        between(source, "/llm/rpm", llm.rpm(), 0, Integer.MAX_VALUE);
        epsilon(source, "/privacy/epsilon", c.privacy().epsilon());
        epsilon(source, "/privacy/encoderEpsilon", c.privacy().encoderEpsilon());
        for (Double e : c.ablations().epsilons()) {
            epsilon(source, "/ablations/epsilons", e);
        }
        for (Double f : c.ablations().fractions()) {
            if (f == null || !(f > 0 && f <= 1))
                throw source.error("/ablations/fractions", "a fraction must be in (0, 1], got " + f);
        }
        checkTraining(source, c.train());
        GenerationSettings g = c.generation();
        between(source, "/generation/rationaleTokens", g.rationaleTokens(), 1, MAX_TOKENS);
        between(source, "/generation/encodedTokens", g.encodedTokens(), 1, MAX_TOKENS);
        between(source, "/generation/answerTokens", g.answerTokens(), 1, MAX_TOKENS);
        between(source, "/generation/batch", g.batch(), 1, MAX_BATCH);
    }

    private static void checkSeeds(ConfigSource source, List<Long> seeds) {
        if (seeds.isEmpty()) {
            throw source.error("/seeds", "no seed listed: list at least one, or leave seeds out");
        }
        if (seeds.stream().distinct().count() < seeds.size()) {
            throw source.error("/seeds", "a seed is listed twice, got " + seeds);
        }
        for (long s : seeds) {
            if (s < 0) {
                throw source.error("/seeds", "a seed must be >= 0 (it names a directory), got " + s);
            }
        }
    }

    private static void checkTask(ConfigSource source, TaskSettings t) {
        if (t.trainLimit() != null) {
            between(source, "/task/trainLimit", t.trainLimit(), 1, Integer.MAX_VALUE);
        }
        if (t.testLimit() != null) {
            between(source, "/task/testLimit", t.testLimit(), 1, Integer.MAX_VALUE);
        }
        if (!(t.publicFraction() > 0 && t.publicFraction() < 1)) {
            throw source.error("/task/publicFraction", "must be in (0, 1), got " + t.publicFraction());
        }
    }

    private static void checkTraining(ConfigSource source, TrainSettings t) {
        if (!(t.alpha() >= 0 && t.alpha() <= 1))
            throw source.error("/train/alpha", "must be in [0, 1], got " + t.alpha());
        if (!(t.learningRate() > 0 && Double.isFinite(t.learningRate()))) {
            throw source.error("/train/learningRate", "must be a finite number > 0, got " + t.learningRate());
        }
        between(source, "/train/steps", t.steps(), 1, Integer.MAX_VALUE);
        between(source, "/train/encoderSteps", t.encoderSteps(), 1, Integer.MAX_VALUE);
        between(source, "/train/batchSize", t.batchSize(), 1, Integer.MAX_VALUE);
        between(source, "/train/microBatch", t.microBatch(), 1, t.batchSize());
        if (t.batchSize() % t.microBatch() != 0) {
            throw source.error(
                    "/train/microBatch", "the batch size " + t.batchSize() + " is not a multiple of " + t.microBatch());
        }
        between(source, "/train/maxLength", t.maxLength(), 1, MAX_TOKENS);
        between(source, "/train/checkpointEvery", t.checkpointEvery(), 1, Integer.MAX_VALUE);
        if (t.lora() != null) {
            checkLora(source, t.lora());
        }
    }

    private static void checkLora(ConfigSource source, LoraSettings l) {
        between(source, "/train/lora/rank", l.rank(), 1, Integer.MAX_VALUE);
        if (!(l.alpha() > 0 && Double.isFinite(l.alpha()))) {
            throw source.error("/train/lora/alpha", "must be a finite number > 0, got " + l.alpha());
        }
        if (!(l.dropout() >= 0 && l.dropout() < 1)) {
            throw source.error("/train/lora/dropout", "must be in [0, 1), got " + l.dropout());
        }
        if (l.targets() != null
                && (l.targets().isEmpty() || l.targets().stream().anyMatch(String::isBlank))) {
            throw source.error(
                    "/train/lora/targets", "must name at least one module, none blank, e.g. [q_proj, v_proj]");
        }
    }

    private static void epsilon(ConfigSource source, String pointer, Double eps) {
        if (eps == null || !(eps > 0)) {
            throw source.error(pointer, "eps must be > 0, got " + eps);
        }
        if (eps.isInfinite())
            throw source.error(pointer, "eps must be finite (infinite eps is no privacy: use non-private)");
    }

    /** Throws unless {@code min <= value <= max}. */
    private static void between(ConfigSource source, String pointer, int value, int min, int max) {
        if (value < min) {
            throw source.error(pointer, "must be at least " + min + ", got " + value);
        }
        if (value > max) {
            throw source.error(pointer, "must be at most " + max + ", got " + value);
        }
    }
}
