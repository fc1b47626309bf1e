package org.fedcot.pipeline.method;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.fedcot.eval.data.QaExample;
import org.fedcot.pipeline.config.RunConfig;
import org.fedcot.pipeline.prompt.QuestionText;
import org.fedcot.pipeline.run.LlmGateway;
import org.fedcot.pipeline.run.ReleaseGate;
import org.fedcot.pipeline.run.RunDir;
import org.fedcot.pipeline.run.RunListener;
import org.fedcot.pipeline.slm.Slm;
import org.fedcot.pipeline.task.TaskData;
import org.fedcot.privacy.TextPerturber;

/**
 * What the variants of one run share: the configuration, the run directory, the data, the models (opened and
 * checked before any work) and the LLM connection, opened when first needed, so a run that needs no LLM
 * never connects.
 */
public final class RunContext implements AutoCloseable {
    private final RunConfig config;
    private final RunDir dir;
    private final TaskData data;
    private final RunListener listener;
    private final RunModels models;
    private LlmGateway llm;

    /** A context over {@code data} in {@code dir}, with {@code models} open. */
    public RunContext(RunConfig config, RunDir dir, TaskData data, RunModels models, RunListener listener) {
        this.config = config;
        this.dir = dir;
        this.data = data;
        this.models = models;
        this.listener = listener;
    }

    /** The configuration. */
    public RunConfig config() {
        return config;
    }

    /** The run directory. */
    public RunDir dir() {
        return dir;
    }

    /** The examples. */
    public TaskData data() {
        return data;
    }

    /** Progress. */
    public RunListener listener() {
        return listener;
    }

    /** The client's SLM. */
    public Slm slm() {
        return models.slm();
    }

    /** The connection to the server. */
    public LlmGateway llm() throws IOException {
        if (llm == null) {
            Map<String, String> raw = new LinkedHashMap<>(questionTexts(data.privatePart()));
            raw.putAll(questionTexts(data.test()));
            ReleaseGate gate = new ReleaseGate(
                    raw,
                    config.privacy().options(config.privacy().epsilon()),
                    config.privacy().maxKeptShare(),
                    config.llm().allowRawPrompts());
            llm = LlmGateway.open(config.llm(), dir.llmCache(), config.seed(), gate);
        }
        return llm;
    }

    /** The exponential-mechanism encoder at the configured eps. */
    public TextPerturber perturber() {
        if (models.perturber() == null) {
            throw new IllegalStateException("no variant left to run perturbs prompts");
        }
        return models.perturber();
    }

    /** Id to {@code text(example)} for {@code examples}, in order. */
    public static Map<String, String> byId(List<QaExample> examples, Function<QaExample, String> text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (QaExample e : examples) {
            m.put(e.id(), text.apply(e));
        }
        return m;
    }

    /** Id to question text (what the encoder perturbs) for {@code examples}. */
    public static Map<String, String> questionTexts(List<QaExample> examples) {
        return byId(examples, QuestionText::of);
    }

    @Override
    public void close() throws IOException {
        if (llm != null) {
            llm.close();
        }
    }
}
