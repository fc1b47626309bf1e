package org.fedcot.cli.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.fedcot.cli.BackendOptions;
import org.fedcot.cli.bench.Timings;
import org.fedcot.models.checkpoint.HfCheckpoint;
import org.fedcot.models.checkpoint.HfConfig;
import org.fedcot.models.train.Example;
import org.fedcot.models.train.StepReport;
import org.fedcot.models.train.TaskWeights;
import org.fedcot.models.train.Trainer;
import org.fedcot.models.train.TrainerConfig;
import org.fedcot.models.train.TrainingListener;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.LoraSpec;
import org.fedcot.models.transformer.TransformerConfig;
import org.fedcot.tensor.Backend;
import org.fedcot.tensor.opencl.OpenClBackend;
import org.fedcot.tensor.optim.LrSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fedcot bench train}: times training steps (forward, backward, AdamW update) of a randomly
 * initialised model on random tokens, through the {@link Trainer}'s own step, the same measurement
 * as {@code bench/torch_train.py}. Per-step times go to stderr; the last line on stdout is
 * {@code train <params> params: <ms> ms/step, <tok> tokens/s}, where params is the exact parameter
 * count (an integer), ms the median step time after the warm-up steps, and tok = batch x seq / that.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Times training steps (forward + backward + AdamW) of a model on random tokens.",
            "The last line on stdout is 'train <params> params: <ms> ms/step, <tok> tokens/s' (median step)."
        })
public final class TrainBenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private BackendOptions backendOptions;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "PATH",
            description = "A Hugging Face config.json, or a directory holding one; weights are random (seeded) unless"
                    + " --load-weights.")
    Path model;

    @Option(
            names = "--load-weights",
            description = "Load the weights of the --model directory (a Hugging Face checkpoint) instead of random"
                    + " ones; with --lora-rank, linear weights stored in bf16 or f16 stay so, frozen.")
    boolean loadWeights;

    @Option(
            names = "--seq",
            defaultValue = "256",
            paramLabel = "T",
            description = "Tokens per sequence (default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(
            names = "--batch",
            defaultValue = "8",
            paramLabel = "B",
            description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--steps",
            defaultValue = "10",
            paramLabel = "N",
            description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(
            names = "--warmup",
            defaultValue = "3",
            paramLabel = "N",
            description = "Untimed steps first, for the JIT and the activation pool (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of the weights and tokens (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--lora-rank",
            paramLabel = "R",
            description = "Train LoRA adapters of rank R (alpha 2R, no dropout, the architecture's default targets) on"
                    + " the frozen model instead of every parameter.")
    Integer loraRank;

    @Option(names = "--checkpoint-activations", description = "Recompute each layer's activations in backward.")
    boolean checkpointActivations;

    @Override
    public Integer call() throws IOException {
        validate();
        Backend device = backendOptions.apply(spec);
        TransformerConfig config = HfConfig.read(configFile());
        if (seq > config.maxPositionEmbeddings()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--seq " + seq + " exceeds the model's " + config.maxPositionEmbeddings()
                            + " positions (max_position_embeddings)");
        }
        TrainingMemory.check(
                "--batch " + batch + " --seq " + seq,
                config,
                batch,
                batch,
                seq,
                loraRank != null,
                // --load-weights keeps a LoRA base in the dtype its config names (torch_dtype)
                loadWeights && HfConfig.weightDtype(configFile()).halfFormat().isPresent(),
                checkpointActivations);
        DecoderModel m = loadWeights ? load() : DecoderModel.random(config, seed);
        // no clipping, constant rate, one micro-batch of exactly seq tokens: a bare forward + backward + AdamW
        TrainerConfig tc = TrainerConfig.builder(warmup + steps)
                .batchSize(batch)
                .learningRate(1e-4)
                .schedule(LrSchedule.Kind.CONSTANT)
                .maxGradNorm(0)
                .padMultiple(1)
                .seed(seed)
                .lora(
                        loraRank == null
                                ? null
                                : new LoraSpec(
                                        loraRank, 2.0 * loraRank, 0, LoraSpec.defaultTargets(config.modelType())))
                .checkpointActivations(checkpointActivations)
                .build();
        PrintWriter err = spec.commandLine().getErr();
        double[] ms = new double[steps];
        long[] transferredBeforeTimed = new long[2];
        new Trainer(m, tc, randomExamples(config.vocabSize()), List.of()).train(null, new TrainingListener() {
            @Override
            public void onStep(StepReport r) {
                double stepMs = r.stepNanos() / 1e6;
                boolean timed = r.step() > warmup;
                if (r.step() == warmup && device instanceof OpenClBackend cl) {
                    transferredBeforeTimed[0] = cl.bytesUploaded();
                    transferredBeforeTimed[1] = cl.bytesDownloaded();
                }
                if (timed) {
                    ms[r.step() - warmup - 1] = stepMs;
                }
                err.printf(
                        Locale.ROOT,
                        "%s step %d: %.1f ms, loss %.4f%n",
                        timed ? "timed" : "warm-up",
                        r.step(),
                        stepMs,
                        r.loss());
                err.flush();
            }
        });
        double median = Timings.median(ms);
        err.printf(
                Locale.ROOT,
                "%s, %s, batch %d x seq %d: median %.1f ms, mean %.1f ms, best %.1f ms over %d"
                        + " steps after %d warm-up%n",
                config.modelType().hfName(),
                device.description(),
                batch,
                seq,
                median,
                Arrays.stream(ms).average().orElseThrow(),
                Arrays.stream(ms).min().orElseThrow(),
                steps,
                warmup);
        if (device instanceof OpenClBackend cl) { // the weights, gradients and moments stay on the device
            err.printf(
                    Locale.ROOT,
                    "host <-> device per timed step: %.1f KiB up, %.1f KiB down%n",
                    (cl.bytesUploaded() - transferredBeforeTimed[0]) / 1024.0 / steps,
                    (cl.bytesDownloaded() - transferredBeforeTimed[1]) / 1024.0 / steps);
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "train %d params: %.1f ms/step, %.0f tokens/s%n",
                m.parameterCount(),
                median,
                batch * seq / (median / 1e3));
        out.flush();
        return 0;
    }

    /** --model's config.json: the file itself, or the one in the directory. */
    private Path configFile() {
        return Files.isDirectory(model) ? model.resolve(HfConfig.FILE_NAME) : model;
    }

    /** The --model directory's weights, a LoRA base's 16-bit ones kept as they are stored. */
    private DecoderModel load() throws IOException {
        if (!Files.isDirectory(model)) {
            throw new ParameterException(
                    spec.commandLine(), "--load-weights needs --model to be a checkpoint directory, not " + model);
        }
        return loraRank != null ? HfCheckpoint.loadFrozen(model) : HfCheckpoint.load(model);
    }

    /** {@code batch} sequences of {@code seq} random tokens: the first is the prompt, the rest the target. */
    private List<Example> randomExamples(int vocab) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Example> examples = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            examples.add(Example.of(
                    new int[] {rng.nextInt(vocab)}, rng.ints(seq - 1, 0, vocab).toArray(), TaskWeights.LABEL));
        }
        return examples;
    }

    private void validate() {
        if (seq < 2 || batch < 1 || steps < 1 || warmup < 0 || (loraRank != null && loraRank < 1)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--seq must be at least 2, --batch and --steps at least 1,"
                            + " --warmup at least 0, --lora-rank at least 1");
        }
    }
}
