package org.fedcot.cli.privacy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.fedcot.cli.bench.Timings;
import org.fedcot.privacy.MechanismKind;
import org.fedcot.privacy.PerturbOptions;
import org.fedcot.privacy.Perturbers;
import org.fedcot.privacy.TextPerturber;
import org.fedcot.tensor.cpu.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fedcot bench perturb}: words perturbed per second. One pass perturbs the 40 sentences of
 * {@link BenchText} as a file is perturbed ({@link TextPerturber#perturbAll}), with a fresh
 * perturber, so its cache starts empty and every distinct word's similarity row and distribution is
 * computed within the pass. The figure is the median pass; per-pass times go to stderr; the last
 * line on stdout is {@code perturb <mechanism>: <X> words/s}, counting the words drawn through the
 * mechanism (stopwords, which pass through, are not counted).
 */
@Command(
        name = "perturb",
        mixinStandardHelpOptions = true,
        description = {
            "Times perturbing a fixed English text (40 sentences, as a file; cold cache each pass).",
            "Per-pass times go to stderr; the last line on stdout is 'perturb <mechanism>: <X> words/s'."
        })
public final class PerturbBench implements Callable<Integer> {
    /** The JIT compiles the hot loops within the first passes; warm up at least this long. */
    private static final long MIN_WARMUP_NANOS = 2_000_000_000L;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--embeddings",
            required = true,
            paramLabel = "PATH",
            description = "GloVe word vectors, or a model directory / llama2.c checkpoint (token level).")
    Path embeddings;

    @Option(names = "--tokenizer", paramLabel = "PATH", description = "The model's tokenizer, if not beside it.")
    Path tokenizer;

    @Option(
            names = "--mechanism",
            defaultValue = "rantext",
            paramLabel = "NAME",
            description = "rantext, santext, santext-euclidean or custext (default: ${DEFAULT-VALUE}).")
    String mechanism;

    @Option(
            names = "--epsilon",
            defaultValue = "3",
            paramLabel = "E",
            description = "Privacy parameter per word (default: ${DEFAULT-VALUE}, the prompt encoder's).")
    double epsilon;

    @Option(
            names = "--warmup",
            defaultValue = "2",
            paramLabel = "N",
            description = "Untimed passes first, at least this many and at least 2 s of them, so the JIT has compiled"
                    + " the loops; 0 for none (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--repeat",
            defaultValue = "10",
            paramLabel = "N",
            description = "Timed passes (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() throws IOException {
        if (repeat < 1 || warmup < 0) {
            throw new IllegalArgumentException("--repeat must be at least 1 and --warmup at least 0");
        }
        MechanismKind kind = MechanismKind.parse(mechanism);
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        TextPerturber loaded = Perturbers.open(embeddings, tokenizer, PerturbOptions.of(kind, epsilon));
        err.printf(
                Locale.ROOT,
                "loaded %d-row %s vocabulary of dimension %d in %.2f s%n",
                loaded.engine().table().size(),
                loaded.level().label(),
                loaded.engine().table().dim(),
                (System.nanoTime() - start) / 1e9);
        int warmups = Timings.warmUp(warmup, MIN_WARMUP_NANOS, run -> pass(loaded, run));
        double[] rates = new double[repeat];
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            long words = pass(loaded, warmups + r);
            double seconds = (System.nanoTime() - t0) / 1e9;
            rates[r] = words / seconds;
            err.printf(
                    Locale.ROOT,
                    "pass %d: %d words in %.1f ms (%.0f words/s)%n",
                    r + 1,
                    words,
                    seconds * 1e3,
                    rates[r]);
        }
        double median = Timings.median(rates);
        double best = Arrays.stream(rates).max().orElseThrow();
        err.printf(
                Locale.ROOT,
                "%s, eps %s, %d threads: median %.0f, best %.0f words/s over %d passes after %d warm-up" + " passes%n",
                kind.label(),
                epsilon,
                Parallel.threads(),
                median,
                best,
                repeat,
                warmups);
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "perturb %s: %.0f words/s%n", kind.label(), median);
        out.flush();
        return 0;
    }

    /** One pass over the text with a fresh perturber (empty cache); returns the words drawn. */
    private static long pass(TextPerturber loaded, long seed) {
        TextPerturber fresh = loaded.withOptions(loaded.options());
        return fresh.perturbAll(BenchText.SENTENCES, new SplittableRandom(seed)).stream()
                .mapToLong(p -> p.counts().perturbed())
                .sum();
    }
}
