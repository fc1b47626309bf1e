package org.fedcot.pipeline.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.eval.data.Dataset;
import org.fedcot.pipeline.Method;
import org.fedcot.privacy.MechanismKind;

/**
 * Checks a configuration before any work starts, so that a mistake costs one line, not an hour: names and
 * ranges, files that must exist, and that raw private prompts leave the client only when the config says so.
 */
public final class ConfigCheck {
    private ConfigCheck() {
    }

    /**
     * Throws the first problem of {@code source}.
     *
     * @param taskFromFiles whether the task is read from the files the config names (false: a generator
     *                      supplies it, as the demo does, and {@code task} may be left out)
     */
    public static void check(ConfigSource source, boolean taskFromFiles) {
        RunConfig c = source.config();
        List<Method> methods = methods(source);
        if (taskFromFiles) checkTask(source);
        if (c.runDir() == null) throw source.error("/runDir", "no run directory: set runDir or pass --run-dir");
        if (c.slm() == null || c.slm().model() == null) throw source.error("/slm/model", "no client model named");
        exists(source, "/slm/model", c.slm().model());
        if (c.slm().tokenizer() != null) exists(source, "/slm/tokenizer", c.slm().tokenizer());
        boolean asksLlm = methods.stream().anyMatch(m -> m != Method.FEWSHOT_SLM && m != Method.STANDALONE);
        if (asksLlm && (c.llm().url() == null || c.llm().url().isBlank())) {
            throw source.error("/llm/url", "no LLM URL: set llm.url or pass --llm-url");
        }
        for (Method m : methods) {
            if (m.sendsRawPrompts() && !c.llm().allowRawPrompts()) {
                throw source.error("/methods", m.configName() + " sends raw private prompts to the LLM; set"
                        + " llm.allowRawPrompts: true to allow that, or leave it out");
            }
        }
        positive(source, "/llm/maxTokens", c.llm().maxTokens());
        positive(source, "/llm/concurrency", c.llm().concurrency());
        checkPrivacy(source, methods);
        checkTraining(source);
        if (!EvalSettings.MODES.contains(c.eval().mode())) {
            throw source.error("/eval/mode", "must be one of " + EvalSettings.MODES + ", got '" + c.eval().mode() + "'");
        }
        for (Double f : c.ablations().fractions()) {
            if (f == null || !(f > 0 && f <= 1)) throw source.error("/ablations/fractions", "a fraction must be in (0, 1], got " + f);
        }
    }

    private static List<Method> methods(ConfigSource source) {
        try {
            List<Method> methods = source.config().methodList();
            if (methods.isEmpty()) throw source.error("/methods", "no method to run");
            return methods;
        } catch (IllegalArgumentException e) {
            throw source.error("/methods", e.getMessage());
        }
    }

    private static void checkTask(ConfigSource source) {
        TaskSettings t = source.config().task();
        if (t == null || t.dataset() == null) throw source.error("/task/dataset", "no dataset named");
        try {
            Dataset.fromName(t.dataset());
        } catch (IllegalArgumentException e) {
            throw source.error("/task/dataset", e.getMessage());
        }
        if (t.train() == null) throw source.error("/task/train", "no training file named");
        if (t.test() == null) throw source.error("/task/test", "no test file named");
        exists(source, "/task/train", t.train());
        exists(source, "/task/test", t.test());
        if (t.trainLimit() != null) positive(source, "/task/trainLimit", t.trainLimit());
        if (t.testLimit() != null) positive(source, "/task/testLimit", t.testLimit());
        if (!(t.publicFraction() > 0 && t.publicFraction() < 1)) {
            throw source.error("/task/publicFraction", "must be in (0, 1), got " + t.publicFraction());
        }
    }

    private static void checkPrivacy(ConfigSource source, List<Method> methods) {
        RunConfig c = source.config();
        PrivacySettings p = c.privacy();
        if (!(p.epsilon() > 0)) throw source.error("/privacy/epsilon", "eps must be > 0, got " + p.epsilon());
        if (!(p.encoderEpsilon() > 0)) {
            throw source.error("/privacy/encoderEpsilon", "eps must be > 0, got " + p.encoderEpsilon());
        }
        for (Double e : c.ablations().epsilons()) {
            if (e == null || !(e > 0)) throw source.error("/ablations/epsilons", "eps must be > 0, got " + e);
        }
        try {
            MechanismKind.parse(p.mechanism());
        } catch (IllegalArgumentException e) {
            throw source.error("/privacy/mechanism", e.getMessage());
        }
        if (methods.stream().anyMatch(Method::isPrivate)) {
            if (p.embeddings() == null) throw source.error("/privacy/embeddings", "FedCoT-E and FedCoT-A need embeddings");
            exists(source, "/privacy/embeddings", p.embeddings());
            if (p.tokenizer() != null) exists(source, "/privacy/tokenizer", p.tokenizer());
        }
    }

    private static void checkTraining(ConfigSource source) {
        TrainSettings t = source.config().train();
        if (!(t.alpha() >= 0 && t.alpha() <= 1)) throw source.error("/train/alpha", "must be in [0, 1], got " + t.alpha());
        if (!(t.learningRate() > 0)) throw source.error("/train/learningRate", "must be > 0, got " + t.learningRate());
        positive(source, "/train/steps", t.steps());
        positive(source, "/train/encoderSteps", t.encoderSteps());
        positive(source, "/train/batchSize", t.batchSize());
        positive(source, "/train/microBatch", t.microBatch());
        positive(source, "/train/maxLength", t.maxLength());
        positive(source, "/train/checkpointEvery", t.checkpointEvery());
        if (t.batchSize() % t.microBatch() != 0) {
            throw source.error("/train/microBatch", "the batch size " + t.batchSize() + " is not a multiple of " + t.microBatch());
        }
    }

    private static void positive(ConfigSource source, String pointer, int value) {
        if (value < 1) throw source.error(pointer, "must be at least 1, got " + value);
    }

    private static void exists(ConfigSource source, String pointer, String path) {
        if (!Files.exists(Path.of(path))) throw source.error(pointer, "no such file or directory: " + path);
    }
}
