package org.fedcot.cli.privacy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.fedcot.cli.TerminalText;
import org.fedcot.models.checkpoint.AtomicFiles;
import org.fedcot.models.io.TextFiles;
import org.fedcot.privacy.Explanation;
import org.fedcot.privacy.MechanismKind;
import org.fedcot.privacy.NumberPolicy;
import org.fedcot.privacy.PerturbOptions;
import org.fedcot.privacy.Perturbation;
import org.fedcot.privacy.PerturbationCounts;
import org.fedcot.privacy.Perturbers;
import org.fedcot.privacy.PrivacyReport;
import org.fedcot.privacy.SensitiveWords;
import org.fedcot.privacy.TextPerturber;
import org.fedcot.privacy.UnknownWordPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fedcot perturb}: exponential-mechanism perturbation of a text (or of every line of a
 * file), with a privacy report. The perturbed versions go to stdout, one per line; the report's
 * one-line summary to stderr, its JSON to {@code --report} (or beside {@code --output}).
 */
@Command(
        name = "perturb",
        mixinStandardHelpOptions = true,
        description = {
            "Perturb TEXT with an exponential mechanism over word or token embeddings and print N"
                    + " perturbed versions, one per line. A privacy report follows on stderr.",
            "Mechanisms: rantext (the reference: Laplace-noised cosine threshold, then the exponential mechanism;"
                    + " no proven DP bound), santext (the whole vocabulary; eps-DP per word), custext (the 20 nearest"
                    + " neighbours; a ratio bound only inside shared neighbourhoods). See privacy/README.md."
        })
public final class PerturbCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--embeddings",
            required = true,
            paramLabel = "PATH",
            description = "GloVe-format word vectors (word level), or a model: a Hugging Face directory or a"
                    + " llama2.c checkpoint (token level, with its tokenizer).")
    Path embeddings;

    @Option(
            names = "--tokenizer",
            paramLabel = "PATH",
            description = "The model's tokenizer when it is not in the model directory or beside the checkpoint"
                    + " as tokenizer.bin.")
    Path tokenizer;

    @Option(
            names = "--epsilon",
            required = true,
            paramLabel = "E",
            description = "Privacy parameter per perturbed word (token): positive; smaller is more private.")
    double epsilon;

    @Option(
            names = "--mechanism",
            defaultValue = "rantext",
            paramLabel = "NAME",
            description = "rantext, santext, santext-euclidean or custext (default: ${DEFAULT-VALUE}).")
    String mechanism;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "Random seed; the same seed gives the same output (default: a fresh one, reported).")
    Long seed;

    @Option(
            names = "--samples",
            defaultValue = "1",
            paramLabel = "N",
            description = "Perturbed versions of TEXT to print (default: ${DEFAULT-VALUE}); each spends eps again.")
    int samples;

    @Option(
            names = "--explain",
            description = "Also print, for each word, its most likely outputs with their probabilities.")
    boolean explain;

    @Option(
            names = "--top",
            defaultValue = "10",
            paramLabel = "K",
            description = "Outputs per word shown by --explain (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(
            names = "--numbers",
            defaultValue = "keep",
            paramLabel = "POLICY",
            description = "Numbers: keep, custext (round(x) + a random 0..999) or inferdpt (a random 1..1000)"
                    + " (default: ${DEFAULT-VALUE}).")
    String numbers;

    @Option(
            names = "--unknown",
            defaultValue = "keep",
            paramLabel = "POLICY",
            description = "Words without an embedding (word level): keep, placeholder ('"
                    + UnknownWordPolicy.PLACEHOLDER_WORD + "') or random (a vocabulary word drawn independently of"
                    + " them) (default: ${DEFAULT-VALUE}).")
    String unknown;

    @Option(names = "--perturb-stopwords", description = "Perturb stopwords too (by default they pass through).")
    boolean perturbStopwords;

    @Option(
            names = "--sensitive",
            paramLabel = "FILE",
            description = "Sensitive words, one per line (see --sensitive-mode).")
    Path sensitive;

    @Option(
            names = "--sensitive-mode",
            defaultValue = "also",
            paramLabel = "MODE",
            description = "only: perturb only the listed words; also: perturb the listed words even when they are"
                    + " stopwords, the rest as usual (default: ${DEFAULT-VALUE}).")
    String sensitiveMode;

    @Option(names = "--input", paramLabel = "FILE", description = "Perturb every line of FILE instead of TEXT.")
    Path input;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "With --input: write the perturbed lines here (and the report to FILE.privacy.json).")
    Path output;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the privacy report as JSON to FILE.")
    Path report;

    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "The text to perturb (quote it).")
    String text;

    @Override
    public Integer call() throws IOException {
        List<String> texts = texts();
        PerturbOptions options = options();
        long runSeed = seed != null ? seed : new SecureRandom().nextLong();
        TextPerturber perturber = Perturbers.open(embeddings, tokenizer, options);
        SplittableRandom rng = new SplittableRandom(runSeed);
        List<String> repeated = texts.stream()
                .flatMap(t -> Collections.nCopies(samples, t).stream())
                .toList();
        List<String> lines = new ArrayList<>();
        PerturbationCounts counts = PerturbationCounts.ZERO;
        for (Perturbation p : perturber.perturbAll(repeated, rng)) {
            lines.add(p.text());
            counts = counts.plus(p.counts());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output != null) {
            AtomicFiles.writeString(
                    output, lines.stream().map(line -> line + "\n").collect(Collectors.joining()));
        } else {
            lines.forEach(line -> out.println(TerminalText.keepingLines(line)));
        }
        if (explain) {
            for (String t : texts) {
                perturber
                        .explain(t, new SplittableRandom(runSeed), top)
                        .forEach(e -> out.println(TerminalText.oneLine(format(e))));
            }
        }
        out.flush();
        report(PrivacyReport.of(perturber, counts, lines.size(), runSeed));
        return 0;
    }

    /** The report: JSON to --report (or beside --output), the one-line summary to stderr. */
    private void report(PrivacyReport privacy) throws IOException {
        Path reportAt = report != null ? report : output != null ? Path.of(output + ".privacy.json") : null;
        if (reportAt != null) {
            AtomicFiles.writeString(reportAt, privacy.toJson());
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println(privacy.summary() + (seed == null ? " (seed " + privacy.seed() + ")" : ""));
        err.flush();
    }

    private List<String> texts() throws IOException {
        if ((input == null) == (text == null)) {
            throw new IllegalArgumentException(
                    input == null
                            ? "nothing to perturb: give TEXT or --input FILE"
                            : "give TEXT or --input FILE, not both");
        }
        if (output != null && input == null) {
            throw new IllegalArgumentException("--output goes with --input; TEXT's versions are printed");
        }
        if (samples < 1 || top < 1) {
            throw new IllegalArgumentException("--samples and --top must be at least 1");
        }
        List<String> texts = input != null ? TextFiles.lines(input) : List.of(text);
        if (texts.stream().allMatch(String::isBlank)) {
            throw new IllegalArgumentException(
                    "nothing to perturb: the " + (input != null ? "file " + input : "text") + " is empty");
        }
        return texts;
    }

    private PerturbOptions options() throws IOException {
        PerturbOptions options = PerturbOptions.of(MechanismKind.parse(mechanism), epsilon)
                .withNumbers(choice(NumberPolicy.class, numbers, "--numbers"))
                .withUnknown(choice(UnknownWordPolicy.class, unknown, "--unknown"))
                .withKeepStopwords(!perturbStopwords);
        // checked whether or not --sensitive is given: a mistyped mode is a mistake either way
        SensitiveWords.Mode mode = choice(SensitiveWords.Mode.class, sensitiveMode, "--sensitive-mode");
        if (sensitive != null) {
            options = options.withSensitive(SensitiveWords.read(sensitive, mode));
        }
        return options;
    }

    /** The constant of {@code type} named {@code value}, case-insensitively, or an error listing them. */
    private static <E extends Enum<E>> E choice(Class<E> type, String value, String option) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException(option + " " + TerminalText.oneLine(value) + " is not one of "
                + Arrays.stream(type.getEnumConstants())
                        .map(e -> e.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")));
    }

    /** "word: out1 0.41, out2 0.12, ... (N outputs)". */
    private static String format(Explanation e) {
        return e.unit() + ": "
                + e.top().stream()
                        .map(c -> c.text() + " " + String.format(Locale.ROOT, "%.3g", c.probability()))
                        .collect(Collectors.joining(", "))
                + " (" + e.outputs() + " outputs)";
    }
}
