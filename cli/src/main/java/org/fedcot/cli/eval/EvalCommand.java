package org.fedcot.cli.eval;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ProgressBar;
import org.fedcot.cli.ProgressBars;
import org.fedcot.eval.data.Dataset;
import org.fedcot.eval.data.DatasetReader;
import org.fedcot.eval.data.QaExample;
import org.fedcot.eval.report.CellStyle;
import org.fedcot.eval.report.Report;
import org.fedcot.eval.report.ResultJson;
import org.fedcot.eval.report.ResultRow;
import org.fedcot.eval.report.ResultTable;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.eval.score.ChoicePrediction;
import org.fedcot.eval.score.FewShotSampler;
import org.fedcot.eval.score.GenerationScorer;
import org.fedcot.eval.score.MultipleChoiceScorer;
import org.fedcot.eval.score.Prediction;
import org.fedcot.eval.score.PredictionsFile;
import org.fedcot.eval.score.PromptFormat;
import org.fedcot.models.checkpoint.AtomicFiles;
import org.fedcot.models.checkpoint.ModelPath;
import org.fedcot.models.generate.LoglikelihoodScorer;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.transformer.DecoderModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fedcot eval}: a model's accuracy on a dataset file, by multiple-choice log-likelihood (acc and
 * acc_norm, as lm-evaluation-harness scores) or by exact match of greedily generated answers (as
 * Distilling step-by-step scores), with 95% Wilson score intervals. A progress bar runs on standard
 * error; the last line on standard output is {@code accuracy <dataset> <mode>: <acc> (95% CI <lo>-<hi>,
 * n=<N>)}, after the acc_norm line in mc mode.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Score a model on a multiple-choice dataset: accuracy with a 95%% Wilson score interval.",
            "mc: every choice's log-likelihood after the question, as lm-evaluation-harness scores (acc and acc_norm, "
                    + "the latter per UTF-8 byte of the choice); gen: the greedily generated answer matched to a "
                    + "choice after normalisation (lower case, no punctuation, option letters, true/false for yes/no).",
            "The last line on stdout is 'accuracy <dataset> <mode>: <acc> (95%% CI <lo>-<hi>, n=<N>)'."
        })
public final class EvalCommand implements Callable<Integer> {
    /** Predictions, one JSON object per question, in --out. */
    public static final String PREDICTIONS = "predictions.jsonl";

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "PATH",
            description = "A Hugging Face model directory or a llama2.c .bin checkpoint.")
    Path modelPath;

    @Option(
            names = "--adapter",
            paramLabel = "DIR",
            description = "A PEFT LoRA adapter directory (adapter_config.json, adapter_model.safetensors) to fold into"
                    + " the model's weights before use, e.g. the OUT of `fedcot train --lora-rank`.")
    Path adapterDir;

    @Option(
            names = "--tokenizer",
            paramLabel = "PATH",
            description =
                    "The tokenizer (default: the model directory's, or tokenizer.bin beside a llama2.c checkpoint).")
    Path tokenizerPath;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "cqa, obqa, arc-easy or boolq.")
    String datasetName;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "FILE",
            description = "The questions: a dataset file in any format the readers know (JSON lines or a JSON list).")
    Path data;

    @Option(
            names = "--mode",
            defaultValue = "mc",
            paramLabel = "mc|gen",
            description = "mc: log-likelihood of each choice; gen: generate the answer (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(
            names = "--shots",
            defaultValue = "0",
            paramLabel = "K",
            description =
                    "Solved exemplars before each question, drawn from --fewshot-data (default: ${DEFAULT-VALUE}).")
    int shots;

    @Option(
            names = "--fewshot-data",
            paramLabel = "FILE",
            description =
                    "Where the exemplars come from (usually the training split); a question is never its own exemplar.")
    Path fewShotData;

    @Option(names = "--limit", paramLabel = "N", description = "Score only the first N questions.")
    Integer limit;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Write " + PREDICTIONS + ", " + Report.JSON + " and " + Report.MARKDOWN + " here (default: none).")
    Path outDir;

    @Option(
            names = "--seed",
            defaultValue = "1234",
            paramLabel = "S",
            description = "Seed of the exemplars' draw (default: ${DEFAULT-VALUE}, lm-evaluation-harness's).")
    long seed;

    @Option(
            names = "--batch",
            defaultValue = "32",
            paramLabel = "B",
            description = "mc: most rows (shared contexts or continuations) per forward pass; gen: most questions "
                    + "decoded side by side (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--max-new-tokens",
            defaultValue = "32",
            paramLabel = "N",
            description = "gen: most tokens generated per answer (default: ${DEFAULT-VALUE}).")
    int maxNewTokens;

    @Override
    public Integer call() throws IOException {
        Dataset dataset = Dataset.fromName(datasetName);
        boolean mc =
                switch (mode) {
                    case "mc" -> true;
                    case "gen" -> false;
                    default -> throw new IllegalArgumentException("--mode must be mc or gen, not '" + mode + "'");
                };
        validate();
        List<QaExample> questions = read(data, dataset, "--data");
        if (limit != null && limit < questions.size()) {
            questions = questions.subList(0, limit);
        }
        FewShotSampler fewShot = shots == 0
                ? FewShotSampler.zeroShot()
                : new FewShotSampler(read(fewShotData, dataset, "--fewshot-data"), shots, seed);
        DecoderModel model = ModelPath.load(modelPath, adapterDir);
        Tokenizer tokenizer = ModelPath.tokenizer(modelPath, tokenizerPath, model);
        PromptFormat format = PromptFormat.of(dataset);
        PrintWriter out = spec.commandLine().getOut();
        String name = dataset.cliName() + " " + mode;
        List<? extends Prediction> predictions;
        Accuracy accNorm = null;
        try (ProgressBar bar =
                ProgressBars.of("eval " + name, questions.size(), " questions").build()) {
            IntConsumer progress = bar::stepTo;
            if (mc) {
                List<ChoicePrediction> ranked = new MultipleChoiceScorer(
                                new LoglikelihoodScorer(model, batch), tokenizer, format, fewShot)
                        .score(questions, progress);
                accNorm = Accuracy.count(ranked, ChoicePrediction::correctNorm);
                predictions = ranked;
            } else {
                predictions = new GenerationScorer(
                                model,
                                tokenizer,
                                q -> format.genPrompt(q, fewShot.exemplars(q)),
                                GenerationScorer.options(model, tokenizer, maxNewTokens),
                                batch)
                        .score(questions, progress);
            }
        }
        Accuracy accuracy = Accuracy.count(predictions, Prediction::correct);
        if (outDir != null) {
            write(dataset, predictions, accuracy, accNorm);
            out.println("wrote " + outDir.resolve(PREDICTIONS) + ", " + Report.JSON + ", " + Report.MARKDOWN);
        }
        if (accNorm != null) {
            out.println("acc_norm " + name + ": " + accNorm.summary());
        }
        out.println("accuracy " + name + ": " + accuracy.summary());
        out.flush();
        return 0;
    }

    private void validate() {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
        }
        if (shots < 0) {
            throw new IllegalArgumentException("--shots must be at least 0, got " + shots);
        }
        if (shots > 0 && fewShotData == null) {
            throw new IllegalArgumentException(
                    "--shots " + shots + " needs --fewshot-data FILE to draw exemplars from");
        }
        if (batch < 1 || maxNewTokens < 1) {
            throw new IllegalArgumentException("--batch and --max-new-tokens must be at least 1");
        }
    }

    private List<QaExample> read(Path file, Dataset dataset, String option) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file
                    + (Files.isDirectory(file) ? ": is a directory, expected a file" : ": no such file"));
        }
        List<QaExample> questions = DatasetReader.read(file, dataset);
        DuplicateChoices.notice(file, questions).ifPresent(spec.commandLine().getErr()::println);
        return questions;
    }

    /** The predictions, and the accuracies as a one-line result table, in --out. */
    private void write(Dataset dataset, List<? extends Prediction> predictions, Accuracy accuracy, Accuracy accNorm)
            throws IOException {
        Files.createDirectories(outDir);
        PredictionsFile.write(outDir.resolve(PREDICTIONS), predictions);
        String method = String.format(Locale.ROOT, "%s %s %d-shot", modelPath.getFileName(), mode, shots);
        ResultTable table = new ResultTable().add(new ResultRow(method, dataset.cliName(), null, accuracy, null));
        if (accNorm != null) {
            table.add(new ResultRow(method + " acc_norm", dataset.cliName(), null, accNorm, null));
        }
        ResultJson.write(table, outDir.resolve(Report.JSON));
        AtomicFiles.writeString(outDir.resolve(Report.MARKDOWN), Report.markdown(table, CellStyle.PLUS_MINUS));
    }
}
