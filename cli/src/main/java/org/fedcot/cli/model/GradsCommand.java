package org.fedcot.cli.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fedcot.models.checkpoint.ModelPath;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.SafetensorsWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fedcot grads}: the causal-LM loss of one batch and its gradient for every parameter, written
 * as safetensors, to compare with another implementation (PyTorch / Hugging Face).
 */
@Command(
        name = "grads",
        mixinStandardHelpOptions = true,
        description = {
            "Compute the causal-LM loss of a batch and d loss / d parameter for every parameter.",
            "FILE.json: {\"input_ids\": [[...], ...], \"labels\": [[...], ...]}, rows of equal length; labels are "
                    + "shifted inside, -100 = ignored (Hugging Face's convention); the loss is the mean over counted labels.",
            "Output: \"loss\" (a scalar, shape []) and each parameter's gradient under its Hugging Face name "
                    + "(a tied output layer's gradient is part of the embedding's), all F32."
        })
public final class GradsCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description = "A Hugging Face model directory (or a llama2.c .bin checkpoint).")
    Path modelPath;

    @Option(
            names = "--batch",
            required = true,
            paramLabel = "FILE.json",
            description = "The batch: input_ids and labels.")
    Path batchPath;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE.safetensors",
            description = "Where to write the gradients.")
    Path outPath;

    @Override
    public Integer call() throws IOException {
        DecoderModel model = ModelPath.load(modelPath);
        TrainingBatch batch = TrainingBatch.read(batchPath, model.config().vocabSize());
        Tensor loss = model.loss(batch.ids(), batch.labels(), batch.batch(), batch.seqLen());
        loss.backward();
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("loss", Tensor.of(new float[] {loss.item()})); // a true scalar: shape []
        model.namedParameters()
                .forEach((name, p) -> out.put(name, p.grad() != null ? p.grad() : Tensor.zeros(p.shape())));
        SafetensorsWriter.write(outPath, out);
        spec.commandLine()
                .getOut()
                .printf(
                        "loss %.6f; wrote %d gradients to %s%n",
                        loss.item(), model.namedParameters().size(), outPath);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
