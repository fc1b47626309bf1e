package org.fedcot.cli.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.fedcot.cli.BackendOptions;
import org.fedcot.models.checkpoint.HfCheckpoint;
import org.fedcot.models.checkpoint.HfCheckpointWriter;
import org.fedcot.models.checkpoint.HfConfig;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.tokenizer.Tokenizers;
import org.fedcot.models.train.Checkpoints;
import org.fedcot.models.train.Example;
import org.fedcot.models.train.TaskWeights;
import org.fedcot.models.train.TrainResult;
import org.fedcot.models.train.Trainer;
import org.fedcot.models.train.TrainerConfig;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.tensor.optim.LrSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fedcot train}: fine-tunes a Hugging Face checkpoint directory on (prompt, target) examples
 * with the {@link Trainer}, writing checkpoints to resume from and, at the end, the fine-tuned model
 * with its tokenizer files as a new checkpoint directory.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fine-tune a causal language model on prompt/target pairs; the loss is on target tokens only.",
                "FILE.jsonl holds one {\"prompt\": ..., \"target\": ..., \"task\": ...} object per line (task defaults"
                        + " to \"label\"). OUT receives checkpoint-<step>/ directories and, at the end, the fine-tuned"
                        + " model (config.json, model.safetensors and the tokenizer files)."})
public final class TrainCommand implements Callable<Integer> {
    /** Hugging Face's default run length when no step count is given. */
    private static final int DEFAULT_EPOCHS = 3;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Hugging Face checkpoint directory: config.json, safetensors weights and a tokenizer.")
    Path modelDir;

    @Option(names = "--data", required = true, paramLabel = "FILE.jsonl", description = "Training examples.")
    Path dataFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where checkpoints and the model go.")
    Path outDir;

    @Option(names = "--steps", paramLabel = "N",
            description = "Optimiser steps (default: " + DEFAULT_EPOCHS + " epochs' worth).")
    Integer steps;

    @Option(names = "--batch", defaultValue = "8", paramLabel = "B",
            description = "Examples per optimiser step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--micro-batch", paramLabel = "M",
            description = "Examples per forward/backward pass, a divisor of B; gradients accumulate over B/M passes"
                    + " (default: B).")
    Integer microBatch;

    @Option(names = "--lr", defaultValue = "5e-5", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--schedule", defaultValue = "linear", paramLabel = "cosine|linear|constant",
            description = "Learning-rate schedule after the warm-up (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "N",
            description = "Linear warm-up steps (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--alpha", paramLabel = "A",
            description = "FedCoT's multi-task loss A * L_rationale + (1 - A) * L_label over tasks \"rationale\" and"
                    + " \"label\" (default: every target token weighs the same, whatever its task).")
    Double alpha;

    @Option(names = "--eval-data", paramLabel = "FILE.jsonl", description = "Held-out examples.")
    Path evalFile;

    @Option(names = "--eval-every", defaultValue = "0", paramLabel = "N",
            description = "Evaluate the held-out loss every N steps (default: at the end only).")
    int evalEvery;

    @Option(names = "--save-every", defaultValue = "500", paramLabel = "N",
            description = "Checkpoint every N steps, and at the end (default: ${DEFAULT-VALUE}).")
    int saveEvery;

    @Option(names = "--keep", defaultValue = "2", paramLabel = "N",
            description = "Newest checkpoints kept; 0 keeps all (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--max-grad-norm", defaultValue = "1.0",
            description = "Clip the global gradient norm to this; 0 for no clipping (default: ${DEFAULT-VALUE}).")
    double maxGradNorm;

    @Option(names = "--weight-decay", defaultValue = "0.0",
            description = "AdamW weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--group-by-length", description = "Batch examples of similar lengths together (less padding).")
    boolean groupByLength;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the data order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in OUT, exactly as if never stopped.")
    boolean resume;

    @Mixin
    private BackendOptions backendOptions;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        backendOptions.apply(spec);
        validate();
        if (modelDir.toAbsolutePath().normalize().equals(outDir.toAbsolutePath().normalize())) {
            throw new ParameterException(spec.commandLine(), "--out must differ from --model: the run would overwrite"
                    + " the weights it starts from");
        }
        Tokenizer tokenizer = Tokenizers.load(modelDir);
        DecoderModel model = HfCheckpoint.load(modelDir);
        List<Example> train = JsonlExamples.read(dataFile, tokenizer);
        List<Example> eval = evalFile == null ? List.of() : JsonlExamples.read(evalFile, tokenizer);
        checkMemory(model, train, eval);
        Trainer trainer = new Trainer(model, config(train.size()), train, eval);
        Optional<Path> checkpoint = Checkpoints.latest(outDir);
        if (resume) {
            trainer.resume(checkpoint.orElseThrow(() -> new IllegalArgumentException(
                    "--resume: " + outDir + " holds no checkpoint-<step> directory")));
        } else if (checkpoint.isPresent()) {
            throw new IllegalArgumentException(outDir + " already holds " + checkpoint.get().getFileName()
                    + "; pass --resume to continue that run, or choose another --out");
        }
        printPlan(out, model, trainer, train, eval);
        TrainResult result;
        try (ProgressView view = new ProgressView(out)) {
            result = trainer.train(outDir, view);
        }
        HfCheckpointWriter.save(model, outDir);
        copyTokenizerFiles(modelDir, outDir);
        out.printf(Locale.ROOT, "trained %d steps in %.1f s: loss %.4f%s; model saved to %s%n", result.step(),
                result.seconds(), result.loss(),
                Double.isNaN(result.evalLoss()) ? "" : String.format(Locale.ROOT, ", eval loss %.4f", result.evalLoss()),
                outDir);
        out.flush();
        return 0;
    }

    /** Checks the numbers before anything is loaded, each error naming its flag. */
    private void validate() {
        atLeast("--batch", batch, 1);
        atLeast("--micro-batch", microBatch == null ? 1 : microBatch, 1);
        atLeast("--steps", steps == null ? 1 : steps, 1);
        atLeast("--warmup", warmup, 0);
        atLeast("--eval-every", evalEvery, 0);
        atLeast("--save-every", saveEvery, 0);
        atLeast("--keep", keep, 0);
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr must be positive and finite, got " + lr);
        }
        if (!(maxGradNorm >= 0) || Double.isInfinite(maxGradNorm)) {
            throw new IllegalArgumentException("--max-grad-norm must be finite and >= 0 (0: no clipping), got "
                    + maxGradNorm);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("--weight-decay must be finite and >= 0, got " + weightDecay);
        }
        if (alpha != null && !(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("--alpha must be in [0, 1], got " + alpha);
        }
        try {
            LrSchedule.parse(schedule, lr, 0, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--schedule: " + e.getMessage(), e);
        }
    }

    private static void atLeast(String flag, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(flag + " must be at least " + min + ", got " + value);
        }
    }

    /** Refuses a --batch (or --micro-batch) whose step cannot fit in memory, before the trainer allocates it. */
    private void checkMemory(DecoderModel model, List<Example> train, List<Example> eval) {
        int rows = microBatch == null ? batch : microBatch;
        int longest = Stream.concat(train.stream(), eval.stream()).mapToInt(Example::length).max().orElse(1);
        String flag = "--batch " + batch + (microBatch == null ? "" : " --micro-batch " + microBatch);
        TrainingMemory.check(flag, model.config(), batch, rows, longest);
    }

    private TrainerConfig config(int examples) {
        int totalSteps = steps != null ? steps : Math.max(1, (int) Math.ceil((double) DEFAULT_EPOCHS * examples / batch));
        LrSchedule.Kind kind = LrSchedule.parse(schedule, lr, 0, 0).kind();
        return TrainerConfig.builder(totalSteps).batchSize(batch).microBatchSize(microBatch == null ? batch : microBatch)
                .learningRate(lr).schedule(kind).warmupSteps(warmup).weightDecay(weightDecay).maxGradNorm(maxGradNorm)
                .taskWeights(alpha == null ? TaskWeights.uniform() : TaskWeights.fedCot(alpha)).seed(seed)
                .groupByLength(groupByLength).evalEvery(evalFile != null && evalEvery == 0 ? totalSteps : evalEvery)
                .checkpointEvery(saveEvery).keepCheckpoints(keep).build();
    }

    private static void printPlan(PrintWriter out, DecoderModel model, Trainer trainer, List<Example> train,
                                  List<Example> eval) {
        TrainerConfig c = trainer.config();
        long tokens = train.stream().mapToLong(Example::length).sum();
        out.printf(Locale.ROOT, "train: %s, %,d parameters; %,d examples (%,d tokens), %d held out; %d steps x %d"
                        + " examples (micro-batch %d), lr %.2e %s, loss weights %s%s%n",
                model.config().modelType().hfName(), model.parameterCount(), train.size(), tokens, eval.size(), c.steps(),
                c.batchSize(), c.microBatchSize(), c.learningRate(), c.schedule().name().toLowerCase(Locale.ROOT),
                c.taskWeights(), trainer.step() > 0 ? "; resuming at step " + trainer.step() : "");
        out.flush();
    }

    /** Copies the model directory's other files (tokenizer, generation config) so OUT is a complete model directory. */
    private static void copyTokenizerFiles(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                boolean weightsOrConfig = name.equals(HfConfig.FILE_NAME) || name.endsWith(".safetensors")
                        || name.endsWith(".safetensors.index.json") || name.startsWith("pytorch_model");
                if (!weightsOrConfig) {
                    Files.copy(f, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
