package org.fedcot.pipeline.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.eval.data.Dataset;
import org.fedcot.pipeline.Method;
import org.fedcot.pipeline.method.VariantPlan;
import org.fedcot.privacy.MechanismKind;

/**
 * Checks a configuration before any work starts, so that a mistake costs one line, not an hour: names and
 * ranges, files that must exist, and that raw private prompts leave the client only when the config says so.
 */
public final class ConfigCheck {
    private ConfigCheck() {}

    /**
     * Throws the first problem of {@code source}.
     *
     * @param taskFromFiles whether the task is read from the files the config names (false: a generator
     *                      supplies it, as the demo does, and {@code task} may be left out)
     */
    public static void check(ConfigSource source, boolean taskFromFiles) {
        RunConfig c = source.config();
        if (taskFromFiles) {
            checkTaskFiles(source);
        }
        values(source);
        if (c.runDir() == null) {
            throw source.error("/runDir", "no run directory: set runDir or pass --run-dir");
        }
        if (c.slm() == null || c.slm().model() == null) {
            throw source.error("/slm/model", "no client model named");
        }
        exists(source, "/slm/model", c.slm().model());
        if (c.slm().tokenizer() != null)
            exists(source, "/slm/tokenizer", c.slm().tokenizer());
        boolean asksLlm = c.methodList().stream().anyMatch(m -> m != Method.FEWSHOT_SLM && m != Method.STANDALONE);
        if (asksLlm && (c.llm().url() == null || c.llm().url().isBlank())) {
            throw source.error("/llm/url", "no LLM URL: set llm.url or pass --llm-url");
        }
        if (VariantPlan.perturbs(c)) {
            PrivacySettings p = c.privacy();
            if (p.embeddings() == null)
                throw source.error("/privacy/embeddings", "FedCoT-E and FedCoT-A need embeddings");
            exists(source, "/privacy/embeddings", p.embeddings());
            if (p.tokenizer() != null) {
                exists(source, "/privacy/tokenizer", p.tokenizer());
            }
        }
    }

    /**
     * Throws the first problem of {@code source}'s values alone: names, ranges, permissions; not the files,
     * models and server it names, which may not exist yet (the demo checks its config before making its models).
     */
    public static void values(ConfigSource source) {
        RunConfig c = source.config();
        List<Method> methods = methods(source);
        for (Method m : methods) {
            if (m.sendsRawPrompts() && !c.llm().allowRawPrompts()) {
                throw source.error(
                        "/methods",
                        m.configName() + " sends raw private prompts to the LLM; set"
                                + " llm.allowRawPrompts: true to allow that, or leave it out");
            }
        }
        if (c.task() != null && c.task().dataset() != null) {
            try {
                Dataset.fromName(c.task().dataset());
            } catch (IllegalArgumentException e) {
                throw source.error("/task/dataset", e.getMessage());
            }
        }
        ConfigRanges.check(source);
        try {
            MechanismKind.parse(c.privacy().mechanism());
        } catch (IllegalArgumentException e) {
            throw source.error("/privacy/mechanism", e.getMessage());
        }
        PrivacyChecks.check(source);
        if (!EvalSettings.MODES.contains(c.eval().mode())) {
            throw source.error(
                    "/eval/mode",
                    "must be one of " + EvalSettings.MODES + ", got '"
                            + c.eval().mode() + "'");
        }
    }

    private static List<Method> methods(ConfigSource source) {
        try {
            List<Method> methods = source.config().methodList();
            if (methods.isEmpty()) {
                throw source.error("/methods", "no method to run");
            }
            return methods;
        } catch (IllegalArgumentException e) {
            throw source.error("/methods", e.getMessage());
        }
    }

    private static void checkTaskFiles(ConfigSource source) {
        TaskSettings t = source.config().task();
        if (t == null || t.dataset() == null) {
            throw source.error("/task/dataset", "no dataset named");
        }
        if (t.train() == null) {
            throw source.error("/task/train", "no training file named");
        }
        if (t.test() == null) {
            throw source.error("/task/test", "no test file named");
        }
        exists(source, "/task/train", t.train());
        exists(source, "/task/test", t.test());
    }

    private static void exists(ConfigSource source, String pointer, String path) {
        if (!Files.exists(Path.of(path))) {
            throw source.error(pointer, "no such file or directory: " + path);
        }
    }
}
