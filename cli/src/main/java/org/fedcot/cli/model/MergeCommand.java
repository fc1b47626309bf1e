package org.fedcot.cli.model;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fedcot.models.checkpoint.HfCheckpoint;
import org.fedcot.models.checkpoint.HfCheckpointWriter;
import org.fedcot.models.checkpoint.PeftAdapter;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.LoraAdapters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fedcot merge}: folds a PEFT LoRA adapter into its base model ({@code W + (alpha/r) B A}) and
 * writes the result as a plain Hugging Face model directory, with the base's tokenizer files.
 */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description = {
            "Fold a PEFT LoRA adapter into its base model and write a plain Hugging Face model directory"
                    + " (config.json, model.safetensors, the base's tokenizer files), as PEFT's merge_and_unload does."
        })
public final class MergeCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description = "The base Hugging Face model directory.")
    Path modelDir;

    @Option(
            names = "--adapter",
            required = true,
            paramLabel = "DIR",
            description = "The adapter directory: adapter_config.json and adapter_model.safetensors.")
    Path adapterDir;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "The directory to write (created if needed).")
    Path outDir;

    @Override
    public Integer call() throws IOException {
        Path out = outDir.toAbsolutePath().normalize();
        if (out.equals(modelDir.toAbsolutePath().normalize())
                || out.equals(adapterDir.toAbsolutePath().normalize())) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--out must differ from --model and --adapter: merging would overwrite what it reads");
        }
        if (!Files.isDirectory(modelDir)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model " + modelDir + ": not a directory");
        }
        DecoderModel model = HfCheckpoint.load(modelDir);
        LoraAdapters lora = PeftAdapter.load(model, adapterDir);
        int layers = lora.modules().size();
        lora.merge();
        HfCheckpointWriter.save(model, outDir);
        TokenizerFiles.copy(modelDir, outDir);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("merged %d adapted layers (%s) into %s; wrote %s%n", layers, lora.spec(), modelDir, outDir);
        o.flush();
        return 0;
    }
}
