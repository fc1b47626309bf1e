package org.fedcot.cli.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.fedcot.cli.BackendOptions;
import org.fedcot.cli.model.TokenizerFiles;
import org.fedcot.models.checkpoint.HfCheckpoint;
import org.fedcot.models.checkpoint.HfCheckpointWriter;
import org.fedcot.models.checkpoint.PeftAdapter;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.tokenizer.Tokenizers;
import org.fedcot.models.train.Checkpoints;
import org.fedcot.models.train.Example;
import org.fedcot.models.train.TaskWeights;
import org.fedcot.models.train.TrainResult;
import org.fedcot.models.train.Trainer;
import org.fedcot.models.train.TrainerConfig;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.LoraAdapters;
import org.fedcot.models.transformer.LoraSpec;
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
 * with its tokenizer files as a new checkpoint directory; with {@code --lora-rank}, LoRA adapters in
 * PEFT's layout instead, the base model frozen.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Fine-tune a causal language model on prompt/target pairs; the loss is on target tokens only.",
            "FILE.jsonl holds one {\"prompt\": ..., \"target\": ..., \"task\": ...} object per line (task defaults"
                    + " to \"label\"). OUT receives checkpoint-<step>/ directories and, at the end, the fine-tuned"
                    + " model (config.json, model.safetensors and the tokenizer files); with --lora-rank, the"
                    + " adapter (adapter_config.json, adapter_model.safetensors), for --adapter or `fedcot merge`."
        })
public final class TrainCommand implements Callable<Integer> {
    /** Hugging Face's default run length when no step count is given. */
    private static final int DEFAULT_EPOCHS = 3;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description = "Hugging Face checkpoint directory: config.json, safetensors weights and a tokenizer.")
    Path modelDir;

    @Option(names = "--data", required = true, paramLabel = "FILE.jsonl", description = "Training examples.")
    Path dataFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where checkpoints and the model go.")
    Path outDir;

    @Option(
            names = "--steps",
            paramLabel = "N",
            description = "Optimiser steps (default: " + DEFAULT_EPOCHS + " epochs' worth).")
    Integer steps;

    @Option(
            names = "--batch",
            defaultValue = "8",
            paramLabel = "B",
            description = "Examples per optimiser step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--micro-batch",
            paramLabel = "M",
            description = "Examples per forward/backward pass, a divisor of B; gradients accumulate over B/M passes"
                    + " (default: B).")
    Integer microBatch;

    @Option(names = "--lr", defaultValue = "5e-5", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(
            names = "--schedule",
            defaultValue = "linear",
            paramLabel = "cosine|linear|constant",
            description = "Learning-rate schedule after the warm-up (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(
            names = "--warmup",
            defaultValue = "0",
            paramLabel = "N",
            description = "Linear warm-up steps (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--alpha",
            paramLabel = "A",
            description = "FedCoT's multi-task loss A * L_rationale + (1 - A) * L_label over tasks \"rationale\" and"
                    + " \"label\" (default: every target token weighs the same, whatever its task).")
    Double alpha;

    @Option(names = "--eval-data", paramLabel = "FILE.jsonl", description = "Held-out examples.")
    Path evalFile;

    @Option(
            names = "--eval-every",
            defaultValue = "0",
            paramLabel = "N",
            description = "Evaluate the held-out loss every N steps (default: at the end only).")
    int evalEvery;

    @Option(
            names = "--save-every",
            defaultValue = "500",
            paramLabel = "N",
            description = "Checkpoint every N steps, and at the end (default: ${DEFAULT-VALUE}).")
    int saveEvery;

    @Option(
            names = "--keep",
            defaultValue = "2",
            paramLabel = "N",
            description = "Newest checkpoints kept; 0 keeps all (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(
            names = "--max-grad-norm",
            defaultValue = "1.0",
            description = "Clip the global gradient norm to this; 0 for no clipping (default: ${DEFAULT-VALUE}).")
    double maxGradNorm;

    @Option(
            names = "--weight-decay",
            defaultValue = "0.0",
            description = "AdamW weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--group-by-length", description = "Batch examples of similar lengths together (less padding).")
    boolean groupByLength;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the data order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--lora-rank",
            paramLabel = "R",
            description = "Train LoRA adapters of rank R on the --lora-targets instead of the whole model, which stays"
                    + " frozen (default: full fine-tuning).")
    Integer loraRank;

    @Option(
            names = "--lora-alpha",
            defaultValue = "16",
            paramLabel = "A",
            description = "LoRA's alpha: the adapters' output is scaled by A / R (default: ${DEFAULT-VALUE}).")
    double loraAlpha;

    @Option(
            names = "--lora-dropout",
            defaultValue = "0.05",
            paramLabel = "P",
            description = "Dropout on the adapters' input while training (default: ${DEFAULT-VALUE}).")
    double loraDropout;

    @Option(
            names = "--lora-targets",
            split = ",",
            paramLabel = "NAME[,NAME...]",
            description = "The linear layers to adapt, by Hugging Face module name (default: q_proj,v_proj for llama"
                    + " and qwen2, query_key_value for gpt_neox).")
    List<String> loraTargets;

    @Option(
            names = "--checkpoint-activations",
            description = "Recompute each layer's activations in backward instead of keeping them: less memory, one"
                    + " more forward per step, the same gradients.")
    boolean checkpointActivations;

    @Option(
            names = "--resume",
            description = "Continue from the newest checkpoint in OUT, exactly as if never stopped.")
    boolean resume;

    @Mixin
    private BackendOptions backendOptions;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        backendOptions.apply(spec);
        validate();
        if (modelDir.toAbsolutePath().normalize().equals(outDir.toAbsolutePath().normalize())) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--out must differ from --model: the run would overwrite" + " the weights it starts from");
        }
        Tokenizer tokenizer = Tokenizers.load(modelDir);
        // a LoRA base is frozen: weights stored in bf16 or f16 stay so, two bytes per value
        DecoderModel model = loraRank != null ? HfCheckpoint.loadFrozen(modelDir) : HfCheckpoint.load(modelDir);
        LoraSpec lora = loraSpec(model);
        List<Example> train = JsonlExamples.read(dataFile, tokenizer);
        List<Example> eval = evalFile == null ? List.of() : JsonlExamples.read(evalFile, tokenizer);
        checkMemory(model, train, eval);
        Trainer trainer = new Trainer(model, config(train.size(), lora), train, eval);
        Optional<Path> checkpoint = Checkpoints.latest(outDir);
        if (resume) {
            trainer.resume(checkpoint.orElseThrow(() ->
                    new IllegalArgumentException("--resume: " + outDir + " holds no checkpoint-<step> directory")));
        } else if (checkpoint.isPresent()) {
            throw new IllegalArgumentException(outDir + " already holds "
                    + checkpoint.get().getFileName() + "; pass --resume to continue that run, or choose another --out");
        }
        printPlan(out, model, trainer, train, eval);
        TrainResult result;
        try (ProgressView view = new ProgressView(out)) {
            result = trainer.train(outDir, view);
        }
        Optional<LoraAdapters> adapters = trainer.adapters();
        if (adapters.isPresent()) {
            PeftAdapter.save(
                    adapters.get(), modelDir.toAbsolutePath().normalize().toString(), outDir);
        } else {
            HfCheckpointWriter.save(model, outDir);
            TokenizerFiles.copy(modelDir, outDir);
        }
        out.printf(
                Locale.ROOT,
                "trained %d steps in %.1f s: loss %.4f%s; %s saved to %s%n",
                result.step(),
                result.seconds(),
                result.loss(),
                Double.isNaN(result.evalLoss())
                        ? ""
                        : String.format(Locale.ROOT, ", eval loss %.4f", result.evalLoss()),
                adapters.isPresent() ? "adapter" : "model",
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
            throw new IllegalArgumentException(
                    "--max-grad-norm must be finite and >= 0 (0: no clipping), got " + maxGradNorm);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("--weight-decay must be finite and >= 0, got " + weightDecay);
        }
        if (alpha != null && !(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("--alpha must be in [0, 1], got " + alpha);
        }
        if (loraRank != null) {
            atLeast("--lora-rank", loraRank, 1);
            if (!(loraAlpha > 0) || Double.isInfinite(loraAlpha)) {
                throw new IllegalArgumentException("--lora-alpha must be positive and finite, got " + loraAlpha);
            }
            if (!(loraDropout >= 0 && loraDropout < 1)) {
                throw new IllegalArgumentException("--lora-dropout must be in [0, 1), got " + loraDropout);
            }
        } else if (loraTargets != null) {
            throw new IllegalArgumentException("--lora-targets needs --lora-rank, which turns LoRA on");
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
        int longest = Stream.concat(train.stream(), eval.stream())
                .mapToInt(Example::length)
                .max()
                .orElse(1);
        String flag = "--batch " + batch + (microBatch == null ? "" : " --micro-batch " + microBatch);
        TrainingMemory.check(
                flag,
                model.config(),
                batch,
                rows,
                longest,
                loraRank != null,
                !model.halfWeights().isEmpty(),
                checkpointActivations);
    }

    /** The LoRA settings of the flags for {@code model}'s architecture, or null without --lora-rank. */
    private LoraSpec loraSpec(DecoderModel model) {
        if (loraRank == null) {
            return null;
        }
        List<String> targets = loraTargets != null
                ? loraTargets
                : LoraSpec.defaultTargets(model.config().modelType());
        // targets that name no layer of the model are refused, with the layers' names, when the trainer attaches them
        return new LoraSpec(loraRank, loraAlpha, loraDropout, targets);
    }

    private TrainerConfig config(int examples, LoraSpec lora) {
        int totalSteps =
                steps != null ? steps : Math.max(1, (int) Math.ceil((double) DEFAULT_EPOCHS * examples / batch));
        LrSchedule.Kind kind = LrSchedule.parse(schedule, lr, 0, 0).kind();
        return TrainerConfig.builder(totalSteps)
                .batchSize(batch)
                .microBatchSize(microBatch == null ? batch : microBatch)
                .learningRate(lr)
                .schedule(kind)
                .warmupSteps(warmup)
                .weightDecay(weightDecay)
                .maxGradNorm(maxGradNorm)
                .taskWeights(alpha == null ? TaskWeights.uniform() : TaskWeights.fedCot(alpha))
                .seed(seed)
                .groupByLength(groupByLength)
                .evalEvery(evalFile != null && evalEvery == 0 ? totalSteps : evalEvery)
                .checkpointEvery(saveEvery)
                .keepCheckpoints(keep)
                .lora(lora)
                .checkpointActivations(checkpointActivations)
                .build();
    }

    private static void printPlan(
            PrintWriter out, DecoderModel model, Trainer trainer, List<Example> train, List<Example> eval) {
        TrainerConfig c = trainer.config();
        long tokens = train.stream().mapToLong(Example::length).sum();
        out.printf(
                Locale.ROOT,
                "train: %s, %,d parameters; %,d examples (%,d tokens), %d held out; %d steps x %d"
                        + " examples (micro-batch %d), lr %.2e %s, loss weights %s%s%n",
                model.config().modelType().hfName(),
                model.parameterCount(),
                train.size(),
                tokens,
                eval.size(),
                c.steps(),
                c.batchSize(),
                c.microBatchSize(),
                c.learningRate(),
                c.schedule().name().toLowerCase(Locale.ROOT),
                c.taskWeights(),
                trainer.step() > 0 ? "; resuming at step " + trainer.step() : "");
        out.flush();
    }
}
