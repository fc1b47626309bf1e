package org.fedcot.pipeline.method;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.fedcot.eval.data.QaExample;
import org.fedcot.pipeline.config.RunConfig;
import org.fedcot.pipeline.prompt.QuestionText;
import org.fedcot.pipeline.run.LlmGateway;
import org.fedcot.pipeline.run.RunDir;
import org.fedcot.pipeline.run.RunListener;
import org.fedcot.pipeline.slm.Slm;
import org.fedcot.pipeline.task.TaskData;
import org.fedcot.privacy.MechanismKind;
import org.fedcot.privacy.PerturbOptions;
import org.fedcot.privacy.Perturbers;
import org.fedcot.privacy.TextPerturber;

/**
 * What the variants of one run share: the configuration, the run directory, the data, and the expensive
 * resources (the client's model, the LLM connection, the embeddings), each opened when first needed, so a
 * run that needs no LLM never connects and one that perturbs nothing never loads embeddings.
 */
public final class RunContext implements AutoCloseable {
    private final RunConfig config;
    private final RunDir dir;
    private final TaskData data;
    private final RunListener listener;
    private Slm slm;
    private LlmGateway llm;
    private TextPerturber perturber;

    /** A context over {@code data} in {@code dir}. */
    public RunContext(RunConfig config, RunDir dir, TaskData data, RunListener listener) {
        this.config = config;
        this.dir = dir;
        this.data = data;
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
    public Slm slm() throws IOException {
        if (slm == null) slm = Slm.open(config.slm());
        return slm;
    }

    /** The connection to the server. */
    public LlmGateway llm() throws IOException {
        if (llm == null) llm = LlmGateway.open(config.llm(), dir.llmCache(), config.seed());
        return llm;
    }

    /** The exponential-mechanism encoder at the configured eps. */
    public TextPerturber perturber() throws IOException {
        if (perturber == null) {
            Path tokenizer = config.privacy().tokenizer() == null ? null : Path.of(config.privacy().tokenizer());
            perturber = Perturbers.open(Path.of(config.privacy().embeddings()), tokenizer,
                    PerturbOptions.of(MechanismKind.parse(config.privacy().mechanism()), config.privacy().epsilon()));
        }
        return perturber;
    }

    /** Id to {@code text(example)} for {@code examples}, in order. */
    public static Map<String, String> byId(List<QaExample> examples, Function<QaExample, String> text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (QaExample e : examples) m.put(e.id(), text.apply(e));
        return m;
    }

    /** Id to question text (what the encoder perturbs) for {@code examples}. */
    public static Map<String, String> questionTexts(List<QaExample> examples) {
        return byId(examples, QuestionText::of);
    }

    @Override
    public void close() throws IOException {
        if (llm != null) llm.close();
    }
}
