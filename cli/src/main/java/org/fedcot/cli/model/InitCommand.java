package org.fedcot.cli.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.fedcot.models.checkpoint.HfCheckpointWriter;
import org.fedcot.models.checkpoint.HfConfig;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TransformerConfig;
import org.fedcot.tensor.io.Dtype;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fedcot init}: a randomly initialised model, as Hugging Face initialises one, saved as a
 * Hugging Face checkpoint directory.
 */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Write a randomly initialised model as a Hugging Face directory (config.json + model.safetensors).",
            "The config's model_type (llama, qwen2 or gpt_neox) decides the details; --arch must agree with it."
        })
public final class InitCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--arch",
            required = true,
            paramLabel = "ARCH",
            description = "llama (model_type llama or qwen2) or gpt-neox (model_type gpt_neox).")
    String arch;

    @Option(names = "--config", required = true, paramLabel = "FILE.json", description = "A Hugging Face config.json.")
    Path configPath;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "The directory to write (created if needed).")
    Path outDir;

    @Option(
            names = "--force",
            description = "Write into --out even when it is not empty (its weights and config are replaced; a "
                    + "tokenizer there is kept, and may no longer fit the new model).")
    boolean force;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "0",
            description =
                    "Seed of the initialisation; the same seed gives the same weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--dtype",
            paramLabel = "DTYPE",
            defaultValue = "auto",
            description = "How the weights are stored: f32, bf16, f16, or auto (the config's torch_dtype: bfloat16,"
                    + " float16, else float32). Default: ${DEFAULT-VALUE}.")
    String dtype;

    @Override
    public Integer call() throws IOException {
        boolean neox =
                switch (arch) {
                    case "llama" -> false;
                    case "gpt-neox" -> true;
                    default ->
                        throw new CommandLine.ParameterException(
                                spec.commandLine(), "--arch must be llama or gpt-neox, not '" + arch + "'");
                };
        refuseToOverwrite();
        TransformerConfig config = HfConfig.read(configPath);
        Dtype stored =
                switch (dtype) {
                    case "auto" -> HfConfig.weightDtype(configPath);
                    case "f32" -> Dtype.F32;
                    case "bf16" -> Dtype.BF16;
                    case "f16" -> Dtype.F16;
                    default ->
                        throw new CommandLine.ParameterException(
                                spec.commandLine(), "--dtype must be auto, f32, bf16 or f16, not '" + dtype + "'");
                };
        if (neox != (config.modelType() == ModelType.GPT_NEOX)) {
            throw new IllegalArgumentException(
                    configPath + ": model_type '" + config.modelType().hfName() + "' is not of --arch " + arch
                            + (neox ? " (which needs gpt_neox)" : " (which needs llama or qwen2)"));
        }
        DecoderModel model = DecoderModel.random(config, seed);
        HfCheckpointWriter.save(model, outDir, stored);
        spec.commandLine()
                .getOut()
                .printf(
                        "wrote %s: %s, %,d parameters in %s, seed %d%n",
                        outDir, config.modelType().hfName(), model.parameterCount(), stored, seed);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** A directory that holds anything (a model, say) is only written into with --force. */
    private void refuseToOverwrite() throws IOException {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new IllegalArgumentException("--out " + outDir + ": is a file, expected a " + "directory");
        }
        if (force || !Files.isDirectory(outDir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(outDir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("--out " + outDir + " is not empty (it "
                        + "may hold a model, whose tokenizer would no longer fit): choose an empty or new directory, "
                        + "or pass --force to replace its weights and config");
            }
        }
    }
}
