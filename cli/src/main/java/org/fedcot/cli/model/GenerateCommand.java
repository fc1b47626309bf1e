package org.fedcot.cli.model;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fedcot.cli.TerminalText;
import org.fedcot.models.checkpoint.ModelPath;
import org.fedcot.models.generate.Generation;
import org.fedcot.models.generate.GenerationOptions;
import org.fedcot.models.generate.Generator;
import org.fedcot.models.generate.Sampler;
import org.fedcot.models.generate.SamplingParams;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.transformer.DecoderModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fedcot generate}: continues a prompt with a Hugging Face or llama2.c checkpoint. Standard
 * output holds only the text (the prompt, the generated text, a newline), as UTF-8 bytes whatever
 * the platform's encoding; the statistics go to standard error.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Continue a prompt with a model: print the prompt and the generated text; token counts and "
                    + "tokens/s go to standard error.",
            "For a llama2.c checkpoint the output is exactly what llama2.c's run.c prints for the same "
                    + "arguments at temperature 0 (-t 0 -n N -i TEXT), and generation stops where run.c stops, "
                    + "at BOS; sampled output (temperature > 0) uses this project's random generator, not run.c's."
        })
public final class GenerateCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "PATH",
            description = "A Hugging Face model directory (config.json + safetensors) or a llama2.c .bin checkpoint.")
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

    @Option(
            names = "--prompt",
            paramLabel = "TEXT",
            defaultValue = "",
            description = "The text to continue (default: none).")
    String prompt;

    @Option(
            names = "--max-tokens",
            paramLabel = "N",
            defaultValue = "256",
            description = {
                "Hugging Face: the most new tokens. llama2.c: run.c's -n steps, positions counted from "
                        + "the prompt's first token. 0: as many as the model's context holds. Default: ${DEFAULT-VALUE}."
            })
    int maxTokens;

    @Option(
            names = "--temperature",
            paramLabel = "T",
            defaultValue = "1.0",
            description = "Divides the logits before the softmax; 0 = greedy. Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(
            names = "--top-p",
            paramLabel = "P",
            defaultValue = "0.9",
            description = "Nucleus sampling: draw from the most likely tokens holding probability P; 1 = off. "
                    + "Default: ${DEFAULT-VALUE}.")
    double topP;

    @Option(
            names = "--top-k",
            paramLabel = "K",
            defaultValue = "0",
            description = "Draw from the K most likely tokens only; 0 = off. Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the sampler (default: a random one, reported).")
    Long seed;

    @Option(
            names = "--stop",
            paramLabel = "STR",
            description = "Stop when the generated text contains STR, which is cut with what follows; repeatable.")
    List<String> stops = List.of();

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (maxTokens < 0) {
            throw new CommandLine.ParameterException(cl, "--max-tokens must be >= 0, got " + maxTokens);
        }
        SamplingParams params;
        try {
            params = new SamplingParams(temperature, topK, topP);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "Invalid sampling option: " + e.getMessage());
        }
        if (stops.stream().anyMatch(String::isEmpty)) {
            throw new CommandLine.ParameterException(cl, "--stop needs a non-empty string");
        }
        DecoderModel model = ModelPath.load(modelPath, adapterDir);
        Tokenizer tokenizer = ModelPath.tokenizer(modelPath, tokenizerPath, model);
        GenerationPlan plan = ModelPath.isLlama2c(modelPath)
                ? GenerationPlan.runC(tokenizer, model, prompt, maxTokens)
                : GenerationPlan.huggingFace(tokenizer, model, prompt, maxTokens);
        long usedSeed = seed != null ? seed : System.nanoTime();

        // bytes, not a Writer: the output must be UTF-8 byte for byte even where the platform encoding is ASCII
        PrintStream out = System.out;
        print(out, plan.head());
        Generation g = new Generator(model, plan.text())
                .generate(
                        plan.prompt(),
                        new GenerationOptions(plan.maxNew(), plan.stopIds(), stops),
                        new Sampler(params, usedSeed),
                        chunk -> print(out, chunk));
        print(out, "\n");
        report(cl.getErr(), g, params.isGreedy() ? null : usedSeed);

        return 0;
    }

    /** Prints prompt or model text with its control characters escaped: it is shown, never obeyed. */
    private static void print(PrintStream out, String text) {
        out.writeBytes(TerminalText.keepingLines(text).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void report(PrintWriter err, Generation g, Long seed) {
        double seconds = (g.prefillNanos() + g.decodeNanos()) / 1e9;
        err.printf(
                "prompt %d tokens (%.1f ms), generated %d tokens in %.3f s: %.1f tokens/s, stopped by %s%s%n",
                g.promptTokens(),
                g.prefillNanos() / 1e6,
                g.newTokens(),
                seconds,
                g.tokensPerSecond(),
                g.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                seed == null ? "" : ", seed " + seed);
        err.flush();
    }
}
