package org.fedcot.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.fedcot.models.checkpoint.ModelPath;
import org.fedcot.models.generate.BatchGenerator;
import org.fedcot.models.generate.ContinuationText;
import org.fedcot.models.generate.Generation;
import org.fedcot.models.generate.GenerationOptions;
import org.fedcot.models.generate.Sampler;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.tensor.cpu.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fedcot bench generate}: times greedy batched decoding ({@link BatchGenerator}) of {@code --batch}
 * sequences of {@code --tokens} new tokens each after {@code --prompt-tokens} prompt tokens, on a
 * checkpoint opened as {@code fedcot generate} opens it. With {@code --tokenizer} the prompts are cut
 * from a fixed English text and the generated tokens are read as text, as a server does; without
 * one they are random ids and no text is made. {@code --warmup} untimed runs first (the JIT compiles
 * the decode path over the first few thousand tokens; a figure taken before measures the compiler),
 * then {@code --runs} timed runs, each printed to stderr; the last stdout line is
 * {@code generate <params> params, batch <B>: <X> tokens/s decode, <Y> tokens/s prefill}, X being every
 * sequence's new tokens over the time outside the prompts' pass (all the prompts are fed in one), Y every
 * prompt token over the time of that pass, both the median over the timed runs.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Times greedy batched decoding on a checkpoint: --batch sequences of --tokens new tokens each.",
            "Last stdout line: 'generate <params> params, batch <B>: <X> tokens/s decode, <Y> tokens/s prefill'."
        })
public final class GenerateBench implements Callable<Integer> {
    /** Prompt text for a run with a tokenizer; sequence i starts i tokens further in. */
    private static final String TEXT = "Once upon a time, there was a little girl named Lily. She loved to play "
            + "outside in the sun with her friends. One day, she saw a big red ball in the park and ran to get it. ";

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "PATH",
            description = "A Hugging Face model directory (config.json + safetensors) or a llama2.c .bin checkpoint.")
    Path modelPath;

    @Option(
            names = "--tokenizer",
            paramLabel = "PATH",
            description = "A tokenizer: prompts from a fixed text, tokens read as text (default: random ids, no text).")
    Path tokenizerPath;

    @Option(
            names = "--batch",
            defaultValue = "1",
            paramLabel = "N",
            description = "Sequences decoded side by side (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--tokens",
            defaultValue = "128",
            paramLabel = "N",
            description = "New tokens per sequence (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(
            names = "--prompt-tokens",
            defaultValue = "16",
            paramLabel = "N",
            description = "Prompt tokens per sequence (default: ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(
            names = "--warmup",
            defaultValue = "5",
            paramLabel = "N",
            description = "Untimed runs first, while the JIT compiles the decode path (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--runs",
            defaultValue = "5",
            paramLabel = "N",
            description = "Timed runs; the figures are their medians (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "S",
            description = "Seed of the random prompt ids (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (batch < 1 || tokens < 1 || promptTokens < 1 || runs < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--batch, --tokens, --prompt-tokens and --runs must be at least 1");
        }
        if (warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup must be at least 0");
        }
        DecoderModel model = ModelPath.load(modelPath);
        int positions = model.config().maxPositionEmbeddings();
        if (promptTokens + tokens > positions) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--prompt-tokens " + promptTokens + " + --tokens " + tokens + " exceed the model's context of "
                            + positions + " positions");
        }
        Tokenizer tokenizer = tokenizerPath == null ? null : ModelPath.tokenizer(modelPath, tokenizerPath, model);
        List<int[]> prompts = tokenizer == null ? randomPrompts(model.config().vocabSize()) : textPrompts(tokenizer);
        ContinuationText text = tokenizer == null ? (prompt, generated) -> "" : ContinuationText.of(tokenizer);
        BatchGenerator generator = new BatchGenerator(model, text, batch);
        // no stop ids: every sequence runs to its full length
        GenerationOptions options = GenerationOptions.of(tokens, Set.of());
        List<Sampler> greedy = prompts.stream().map(p -> Sampler.greedy()).toList();

        PrintWriter err = spec.commandLine().getErr();
        Timings.warmUp(warmup, 0, i -> generator.generateAll(prompts, options, greedy));
        err.printf(
                Locale.ROOT,
                "%d threads, batch %d, %d prompt + %d new tokens per sequence%s; after %d warm-up runs%n",
                Parallel.threads(),
                batch,
                promptTokens,
                tokens,
                tokenizer == null ? ", random prompt ids" : "",
                warmup);
        double[] decodeRates = new double[runs];
        double[] prefillRates = new double[runs];
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            List<Generation> out = generator.generateAll(prompts, options, greedy);
            double wall = (System.nanoTime() - start) / 1e9;
            // every sequence joins at the first step, so their prompts share one pass, which each one's
            // prefillNanos is: counted once
            double prefill =
                    out.stream().mapToLong(Generation::prefillNanos).max().orElse(0) / 1e9;
            double decode = Math.max(wall - prefill, 1e-9); // max 1 token: every token came from a prefill
            long generated = out.stream().mapToLong(Generation::newTokens).sum();
            long read = (long) batch * promptTokens;
            decodeRates[run] = generated / decode;
            prefillRates[run] = read / prefill;
            err.printf(
                    Locale.ROOT,
                    "run %d: prefill %d tokens in %.3f s (%.1f tokens/s); decode %d tokens in %.3f s"
                            + " (%.1f tokens/s, %.2f ms per step)%n",
                    run + 1,
                    read,
                    prefill,
                    prefillRates[run],
                    generated,
                    decode,
                    decodeRates[run],
                    decode * 1e3 / tokens);
        }
        err.flush();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(
                Locale.ROOT,
                "generate %d params, batch %d: %.1f tokens/s decode, %.1f tokens/s prefill%n",
                model.parameterCount(),
                batch,
                Timings.median(decodeRates),
                Timings.median(prefillRates));
        stdout.flush();
        return 0;
    }

    /** {@code --batch} prompts of random ids. */
    private List<int[]> randomPrompts(int vocab) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> prompts = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            prompts.add(rng.ints(promptTokens, 0, vocab).toArray());
        }
        return prompts;
    }

    /** {@code --batch} prompts cut from the text, each starting a token later; BOS first when the tokenizer has one. */
    private List<int[]> textPrompts(Tokenizer tokenizer) {
        int bos = tokenizer.bosId().orElse(-1);
        int start = bos >= 0 ? 1 : 0;
        StringBuilder source = new StringBuilder(TEXT);
        int[] ids = tokenizer.encode(TEXT, false);
        while (ids.length < promptTokens + batch) {
            source.append(TEXT);
            ids = tokenizer.encode(source.toString(), false);
        }
        List<int[]> prompts = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            int[] prompt = new int[promptTokens];
            if (bos >= 0) {
                prompt[0] = bos;
            }
            System.arraycopy(ids, i, prompt, start, promptTokens - start);
            prompts.add(prompt);
        }
        return prompts;
    }
}
