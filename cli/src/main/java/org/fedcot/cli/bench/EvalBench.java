package org.fedcot.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.fedcot.eval.score.MultipleChoiceScorer;
import org.fedcot.models.generate.LoglikelihoodScorer;
import org.fedcot.models.generate.ScoringRequest;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TransformerConfig;
import org.fedcot.tensor.cpu.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fedcot bench eval}: times multiple-choice log-likelihood scoring, the work of {@code fedcot
 * eval --mode mc} after tokenization, on randomly initialised Llamas of two sizes: llama2.c's
 * stories260K shape and a ~100M-parameter one. Questions are random tokens shaped like CQA's: a context
 * of about {@code --context} tokens and {@code --choices} continuations of about {@code --continuation}
 * tokens. Per-run times go to stderr; stdout gets one line per model, {@code eval mc <name> <params>
 * params: <q> questions/s, <t> loglik tokens/s}, from the median run; tokens are those the model reads
 * (context and continuation of every choice).
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Times multiple-choice log-likelihood scoring (fedcot eval --mode mc) on random Llamas: the "
                    + "stories260K shape and a ~100M-parameter one.",
            "One stdout line per model: 'eval mc <name> <params> params: <q> questions/s, <t> loglik tokens/s' (median run)."
        })
public final class EvalBench implements Callable<Integer> {
    /** A benchmarked model shape and how many questions one timed run scores on it. */
    private record Shape(String name, TransformerConfig config, int questions) {}

    private static final List<Shape> SHAPES = List.of(
            // llama2.c's stories260K: dim 64, hidden 172, 5 layers, 8 heads, 4 kv heads, vocabulary 512, shared
            // embeddings
            new Shape(
                    "stories260K",
                    TransformerConfig.builder(ModelType.LLAMA)
                            .vocabSize(512)
                            .hiddenSize(64)
                            .intermediateSize(172)
                            .numLayers(5)
                            .numHeads(8)
                            .numKvHeads(4)
                            .maxPositionEmbeddings(512)
                            .tieWordEmbeddings(true)
                            .build(),
                    256),
            // GPT-2-small-like width and depth with Llama's vocabulary and grouped-query attention: 100.1M parameters
            new Shape(
                    "llama-100M",
                    TransformerConfig.builder(ModelType.LLAMA)
                            .vocabSize(32000)
                            .hiddenSize(768)
                            .intermediateSize(2048)
                            .numLayers(12)
                            .numHeads(12)
                            .numKvHeads(4)
                            .maxPositionEmbeddings(1024)
                            .tieWordEmbeddings(true)
                            .build(),
                    16));

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--model",
            defaultValue = "all",
            paramLabel = "NAME",
            description = "stories260K, llama-100M or all (default: ${DEFAULT-VALUE}).")
    String only;

    @Option(
            names = "--questions",
            paramLabel = "N",
            description = "Questions per timed run (default: 256 on stories260K, 16 on llama-100M).")
    Integer questions;

    @Option(
            names = "--choices",
            defaultValue = "5",
            paramLabel = "C",
            description = "Choices per question (default: ${DEFAULT-VALUE}, as CQA).")
    int choices;

    @Option(
            names = "--context",
            defaultValue = "40",
            paramLabel = "T",
            description = "Mean context tokens; each question draws from T/2 to 3T/2 (default: ${DEFAULT-VALUE}).")
    int context;

    @Option(
            names = "--continuation",
            defaultValue = "3",
            paramLabel = "L",
            description = "Mean continuation tokens; each choice draws from 1 to 2L-1 (default: ${DEFAULT-VALUE}).")
    int continuation;

    @Option(
            names = "--batch",
            defaultValue = "32",
            paramLabel = "B",
            description =
                    "Most rows (shared contexts or continuations) per forward pass, as fedcot eval --batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--warmup",
            defaultValue = "1",
            paramLabel = "N",
            description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--repeat",
            defaultValue = "3",
            paramLabel = "N",
            description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of the weights and tokens (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        for (Shape shape : SHAPES) {
            if (only.equals("all") || only.equalsIgnoreCase(shape.name())) {
                out.println(measure(shape));
                out.flush();
            }
        }
        return 0;
    }

    /** The figure line of one model shape. */
    private String measure(Shape shape) {
        PrintWriter err = spec.commandLine().getErr();
        DecoderModel model = DecoderModel.random(shape.config(), seed);
        LoglikelihoodScorer scorer = new LoglikelihoodScorer(model, batch);
        int n = questions != null ? questions : shape.questions();
        List<List<ScoringRequest>> requests = randomQuestions(n, shape.config().vocabSize());
        long tokens = requests.stream()
                .flatMap(List::stream)
                .mapToLong(r -> r.context().length + r.continuation().length - 1)
                .sum();
        int warmed = Timings.warmUp(warmup, 0, run -> MultipleChoiceScorer.loglikelihoods(scorer, requests));
        double[] seconds = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            MultipleChoiceScorer.loglikelihoods(scorer, requests);
            seconds[i] = (System.nanoTime() - start) / 1e9;
            err.printf(
                    Locale.ROOT,
                    "%s run %d: %.3f s (%.1f questions/s)%n",
                    shape.name(),
                    i + 1,
                    seconds[i],
                    n / seconds[i]);
            err.flush();
        }
        double median = Timings.median(seconds);
        err.printf(
                Locale.ROOT,
                "%s, %d threads: %d questions x %d choices, %d tokens read per run, batch %d; median %.3f s"
                        + " over %d runs after %d warm-up%n",
                shape.name(),
                Parallel.threads(),
                n,
                choices,
                tokens,
                batch,
                median,
                repeat,
                warmed);
        err.flush();
        return String.format(
                Locale.ROOT,
                "eval mc %s %d params: %.1f questions/s, %.0f loglik tokens/s",
                shape.name(),
                model.parameterCount(),
                n / median,
                tokens / median);
    }

    /** {@code n} questions of random tokens, each with one shared context and {@code choices} continuations. */
    private List<List<ScoringRequest>> randomQuestions(int n, int vocab) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<List<ScoringRequest>> all = new ArrayList<>(n);
        for (int q = 0; q < n; q++) {
            int[] ctx =
                    rng.ints(context / 2 + rng.nextInt(context + 1), 0, vocab).toArray();
            List<ScoringRequest> question = new ArrayList<>(choices);
            for (int c = 0; c < choices; c++) {
                question.add(new ScoringRequest(
                        ctx,
                        rng.ints(1 + rng.nextInt(2 * continuation - 1), 0, vocab)
                                .toArray()));
            }
            all.add(question);
        }
        return all;
    }

    private void validate() {
        if (!only.equals("all") && SHAPES.stream().noneMatch(s -> s.name().equalsIgnoreCase(only))) {
            throw new ParameterException(
                    spec.commandLine(), "--model must be stories260K, llama-100M or all, not '" + only + "'");
        }
        if ((questions != null && questions < 1)
                || choices < 1
                || context < 2
                || continuation < 1
                || batch < 1
                || warmup < 0
                || repeat < 1) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--questions, --choices, --continuation, --batch and --repeat"
                            + " must be at least 1, --context at least 2, --warmup at least 0");
        }
        // the longest question: a context of 3T/2 tokens and a continuation of 2L - 1
        long longest = context / 2 + (long) context + 2L * continuation - 1;
        for (Shape shape : SHAPES) {
            int positions = shape.config().maxPositionEmbeddings();
            if ((only.equals("all") || only.equalsIgnoreCase(shape.name())) && longest > positions) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--context " + context + " --continuation "
                                + continuation + " make questions of up to " + longest + " tokens, longer than "
                                + shape.name()
                                + "'s context of " + positions + " positions");
            }
        }
    }
}
