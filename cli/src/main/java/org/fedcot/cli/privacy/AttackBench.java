package org.fedcot.cli.privacy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.fedcot.pipeline.privacy.AttackRow;
import org.fedcot.privacy.AttackEvaluation;
import org.fedcot.privacy.AttackPrior;
import org.fedcot.privacy.AttackScore;
import org.fedcot.privacy.GloveFile;
import org.fedcot.privacy.MechanismKind;
import org.fedcot.privacy.NumberPolicy;
import org.fedcot.privacy.PerturbOptions;
import org.fedcot.privacy.UnknownWordPolicy;
import org.fedcot.privacy.WordPerturber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fedcot bench attack}: how much of {@link BenchText} the inversion attacks recover from its releases at
 * each eps, and how fast they run. Each eps releases every sentence {@code --samples} times under the pipeline's
 * defaults (stopwords perturbed, numbers and unknown words replaced), then times the attacks on all releases at
 * once; stdout gets the privacy table's rows (no accuracy) and, last, {@code attack <mechanism>: <X> released
 * tokens/s} (the slowest eps's rate; each eps's on stderr).
 */
@Command(
        name = "attack",
        mixinStandardHelpOptions = true,
        description = {
            "Recovery of a fixed English text by nearest-neighbour and Bayesian inversion, per eps, and"
                    + " the attacks' speed.",
            "The last line on stdout is 'attack <mechanism>: <X> released tokens/s'."
        })
public final class AttackBench implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--embeddings", required = true, paramLabel = "PATH", description = "GloVe word vectors.")
    Path embeddings;

    @Option(
            names = "--mechanism",
            defaultValue = "santext",
            paramLabel = "NAME",
            description = "rantext, santext, santext-euclidean or custext (default: ${DEFAULT-VALUE}).")
    String mechanism;

    @Option(
            names = "--epsilons",
            defaultValue = "1,3,5,10",
            split = ",",
            paramLabel = "E,...",
            description = "eps values (default: ${DEFAULT-VALUE}).")
    List<Double> epsilons;

    @Option(
            names = "--samples",
            defaultValue = "50",
            paramLabel = "N",
            description = "Releases of each sentence per eps (default: ${DEFAULT-VALUE}: 25,800 words per eps, a"
                    + " sampling error of 0.3 points or less on each rate).")
    int samples;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "N",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (samples < 1) {
            throw new IllegalArgumentException("--samples must be at least 1, not " + samples);
        }
        MechanismKind kind = MechanismKind.parse(mechanism);
        var table = GloveFile.read(embeddings);
        AttackPrior prior = AttackPrior.zipf(table);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // the bench sentences have no public text beside them; GloVe's order is its own public-text frequency
        err.println("the Bayesian attack's prior: " + prior.description() + " (GloVe's, most frequent first)");
        out.print(AttackRow.HEADER);
        double slowest = Double.POSITIVE_INFINITY;
        for (double eps : epsilons) {
            PerturbOptions options = PerturbOptions.of(kind, eps)
                    .withKeepStopwords(false)
                    .withNumbers(NumberPolicy.INFERDPT)
                    .withUnknown(UnknownWordPolicy.RANDOM);
            WordPerturber perturber = new WordPerturber(table, options);
            SplittableRandom rng = new SplittableRandom(seed);
            List<String> originals = new ArrayList<>();
            List<String> releases = new ArrayList<>();
            for (int s = 0; s < samples; s++) {
                originals.addAll(BenchText.SENTENCES);
                perturber.perturbAll(BenchText.SENTENCES, rng).forEach(p -> releases.add(p.text()));
            }
            long t0 = System.nanoTime();
            AttackScore score = new AttackEvaluation(table, options, prior).score(originals, releases, rng);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double rate = score.units() / seconds;
            slowest = Math.min(slowest, rate);
            err.printf(
                    Locale.ROOT,
                    "%s eps %s: %d released words attacked in %.1f s (%.0f released tokens/s)%n",
                    kind.label(),
                    eps,
                    score.units(),
                    seconds,
                    rate);
            err.flush();
            out.print(new AttackRow("bench", kind.label(), eps, score, null, null, prior.description()).markdown());
            out.flush();
        }
        out.printf(Locale.ROOT, "attack %s: %.0f released tokens/s%n", kind.label(), slowest);
        out.flush();
        return 0;
    }
}
