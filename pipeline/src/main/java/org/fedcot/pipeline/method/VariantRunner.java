package org.fedcot.pipeline.method;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.fedcot.eval.data.QaExample;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.models.train.ExampleGroup;
import org.fedcot.models.train.TaskWeights;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.pipeline.Method;
import org.fedcot.pipeline.config.EvalSettings;
import org.fedcot.pipeline.config.GenerationSettings;
import org.fedcot.pipeline.config.RunConfig;
import org.fedcot.pipeline.prompt.TaskPrompts;
import org.fedcot.pipeline.run.Exposure;
import org.fedcot.pipeline.slm.ExampleEncoder;
import org.fedcot.pipeline.slm.SlmGenerator;
import org.fedcot.pipeline.stage.ChoiceScores;
import org.fedcot.pipeline.stage.ChoiceStage;
import org.fedcot.pipeline.stage.EvaluationStage;
import org.fedcot.pipeline.stage.LlmStage;
import org.fedcot.pipeline.stage.TrainingStage;

/**
 * Runs one variant to its result: rationales (per method), task-SLM training, evaluation, TokenRatios.
 * A variant whose result file exists is read back, not run again.
 */
public final class VariantRunner {
    private final RunContext run;
    private final RationaleSource source;
    private EncoderDecoderTraining.Models encoderDecoder;
    /** Non-Private's rationales, the reference of the rationale TokenRatios; null until (unless) it ran. */
    private Map<String, String> rawRationales;

    /** Runs variants in {@code run}. */
    public VariantRunner(RunContext run) {
        this.run = run;
        this.source = new RationaleSource(run);
    }

    /** The result of {@code v}. */
    public VariantResult run(Variant v) throws IOException {
        Path file = run.dir().result(v.id());
        if (Files.exists(file)) {
            VariantResult done = VariantResult.read(file);
            if (v.method() == Method.NON_PRIVATE) {
                rawRationales = source.raw().used();
            }
            run.listener().message(v.id() + ": done in an earlier run, " + done.summary());
            tellRationales(done);
            return done;
        }
        VariantResult result =
                switch (v.method()) {
                    case FEWSHOT_LLM -> fewShotLlm(v);
                    case FEWSHOT_SLM -> evaluate(v, run.slm().pretrained(), oneShot()::apply, null, null, null);
                    case STANDALONE -> trained(v, null);
                    case NON_PRIVATE -> {
                        Rationales r = source.raw();
                        rawRationales = r.used();
                        yield trained(v, r);
                    }
                    case FEDCOT_E -> trained(v, source.exponential(v.epsilon(), v.decoding()));
                    case FEDCOT_A -> trained(v, source.trained(encoderDecoder(), v.decoding()));
                };
        result.write(file);
        run.listener().message(v.id() + ": " + result.summary());
        tellRationales(result);
        return result;
    }

    /** Tells how many of the variant's rationales the filter kept (none for label-only methods). */
    private void tellRationales(VariantResult r) {
        if (r.rationales() != null)
            run.listener().message(r.rationales().message(r.variant().title()));
    }

    private VariantResult fewShotLlm(Variant v) throws IOException {
        Function<QaExample, String> prompt = oneShot();
        Map<String, String> answers = LlmStage.run(
                run.dir(),
                "fewshot-llm-answers",
                RunContext.byId(run.data().test(), prompt),
                run.llm(),
                Exposure.RAW_PRIVATE,
                run.listener());
        Accuracy acc = EvaluationStage.run(
                run.dir().predictions(v.id()),
                "evaluate " + v.id(),
                run.data().test(),
                run.config().generation().batch(),
                qs -> qs.stream().map(q -> answers.get(q.id())).toList(),
                run.listener());
        return VariantResult.builder(v).accuracy(acc).build();
    }

    /** Trains the task SLM on the variant's share of the private data (and rationales), then evaluates it. */
    private VariantResult trained(Variant v, Rationales rationales) throws IOException {
        RunConfig c = run.config();
        List<QaExample> subset = run.data().privateFraction(v.fraction(), c.seed());
        ExampleEncoder encoder =
                new ExampleEncoder(run.slm().tokenizer(), c.train().maxLength());
        List<ExampleGroup> examples = TaskExamples.build(
                subset, rationales == null ? null : rationales.used(), c.filterRationales(), encoder);
        RationaleCounts counts =
                rationales == null ? null : RationaleCounts.of(subset, rationales.used(), c.filterRationales());
        RationaleCounts received =
                rationales == null ? null : RationaleCounts.of(subset, rationales.received(), c.filterRationales());
        TaskWeights weights = rationales == null
                ? TaskWeights.uniform()
                : TaskWeights.fedCot(c.train().alpha());
        DecoderModel model = TrainingStage.run(
                run.dir().model(v.id()),
                v.id(),
                run.slm(),
                c.train(),
                c.train().steps(),
                weights,
                c.seed(),
                examples,
                run.listener());
        return evaluate(
                v, model, TaskPrompts::predict, counts, received, v.method().isPrivate() ? rationales : null);
    }

    /** Scores {@code model} as eval.mode says, each test question after {@code prompt(question)}. */
    private VariantResult evaluate(
            Variant v,
            DecoderModel model,
            Function<QaExample, String> prompt,
            RationaleCounts counts,
            RationaleCounts received,
            Rationales perturbed)
            throws IOException {
        EvalSettings mode = run.config().eval();
        Accuracy acc = null;
        if (mode.generation()) {
            GenerationSettings g = run.config().generation();
            SlmGenerator generator = new SlmGenerator(model, run.slm().tokenizer(), g.answerTokens(), g.batch());
            acc = EvaluationStage.run(
                    run.dir().predictions(v.id()),
                    "evaluate " + v.id(),
                    run.data().test(),
                    g.batch(),
                    EvaluationStage.slm(generator, prompt),
                    run.listener());
        }
        ChoiceScores choice = !mode.multipleChoice()
                ? null
                : ChoiceStage.run(
                        run.dir().choicePredictions(v.id()),
                        "score choices " + v.id(),
                        run.data().test(),
                        prompt,
                        model,
                        run.slm().tokenizer(),
                        run.listener());
        VariantResult.Builder result =
                VariantResult.builder(v).accuracy(acc).choice(choice).rationales(counts, received);
        if (perturbed == null) {
            return result.build();
        }
        RationaleMeasures m = RationaleMeasures.of(run.data().privatePart(), perturbed, rawRationales);
        return result.tokenRatios(m.promptRatio(), m.receivedRatio(), m.usedRatio())
                .build();
    }

    private EncoderDecoderTraining.Models encoderDecoder() throws IOException {
        if (encoderDecoder == null) {
            encoderDecoder = EncoderDecoderTraining.run(run, source);
        }
        return encoderDecoder;
    }

    /** The 1-shot prompt of the few-shot baselines, its solved example the first private one. */
    private Function<QaExample, String> oneShot() {
        QaExample shot = run.data().privatePart().getFirst();
        return q -> TaskPrompts.oneShot(shot, q);
    }
}
