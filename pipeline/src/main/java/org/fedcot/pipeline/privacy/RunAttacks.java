package org.fedcot.pipeline.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.fedcot.eval.report.ChartWriter;
import org.fedcot.models.checkpoint.AtomicFiles;
import org.fedcot.pipeline.config.LlmSettings;
import org.fedcot.pipeline.config.PrivacySettings;
import org.fedcot.pipeline.config.RunConfig;
import org.fedcot.pipeline.method.VariantResult;
import org.fedcot.pipeline.run.RunDir;
import org.fedcot.pipeline.run.RunListener;
import org.fedcot.pipeline.run.StageLog;
import org.fedcot.privacy.AttackEvaluation;
import org.fedcot.privacy.AttackPrior;
import org.fedcot.privacy.AttackScore;
import org.fedcot.privacy.EmbeddingTable;
import org.fedcot.privacy.PerturbOptions;
import org.fedcot.privacy.Perturbers;
import org.fedcot.privacy.TextPerturber;
import org.fedcot.privacy.TokenAttackEvaluation;
import org.fedcot.privacy.TokenPerturber;

/**
 * The attacks on what the server received, as a stage of {@code fedcot run} and as {@code fedcot attack}: for
 * every mechanism release in the run directory, the stage file's records are exactly the server's view (each
 * record's input the raw question, its output the text sent), and the nearest-neighbour and Bayesian inversions
 * over the mechanism's vocabulary (GloVe's words or a model's token set), with a prior counted over the run's
 * public prompts ({@link PublicPrompts}), are scored on them, and, given an LLM, its restorations
 * ({@link LmReconstruction}). Writes
 * {@code privacy/attacks.json} and {@code privacy/attacks.md}, and into the report directory the privacy table
 * ({@code privacy.md}) and the privacy-utility chart ({@code privacy-utility.png}).
 */
public final class RunAttacks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunAttacks() {}

    /**
     * Attacks every FedCoT-E release of {@code config}'s run in {@code dir} whose stage is complete.
     *
     * @param lm the server's LLM for the language-model attack, null for none
     * @return the rows, in release order
     */
    public static List<AttackRow> run(RunDir dir, RunConfig config, LlmSettings lm, RunListener listener)
            throws IOException {
        Files.createDirectories(dir.privacy());
        PrivacySettings p = config.privacy();
        TextPerturber perturber = Perturbers.open(
                Path.of(p.embeddings()), p.tokenizer() == null ? null : Path.of(p.tokenizer()), p.options(p.epsilon()));
        List<String> publicPrompts = PublicPrompts.read(dir).orElse(List.of());
        AttackPrior prior = prior(perturber, publicPrompts);
        String priorSource =
                prior.description() + (publicPrompts.isEmpty() ? " (the run has no public prompts on record)" : "");
        listener.message("privacy attacks: the Bayesian attack's prior is " + priorSource);
        Scorer scorer = scorer(perturber, prior);
        List<AttackRow> rows = new ArrayList<>();
        for (Release r : ReleasePlan.of(config)) {
            if (!r.dp() || !Files.exists(dir.stage(r.stage()))) {
                continue;
            }
            List<String> originals = new ArrayList<>();
            List<String> releases = new ArrayList<>();
            try (StageLog log = StageLog.open(dir.stage(r.stage()))) {
                for (JsonNode record : log.records().values()) {
                    originals.add(record.path("input").asText());
                    releases.add(record.path("output").asText());
                }
            }
            listener.message("privacy attacks: " + r.stage() + " (" + releases.size() + " prompts)");
            AttackScore score =
                    scorer.score(p.options(r.epsilon()), originals, releases, new SplittableRandom(config.seed()));
            Double restored = lm == null
                    ? null
                    : LmReconstruction.recovery(
                            originals,
                            releases,
                            p.options(r.epsilon()),
                            lm,
                            dir.privacy().resolve("lm-attack-cache.jsonl"));
            rows.add(new AttackRow(
                    r.stage(), r.mechanism(), r.epsilon(), score, accuracy(dir, r), restored, priorSource));
        }
        write(dir, rows, priorSource);
        return rows;
    }

    /** Scores the releases made at one eps. */
    @FunctionalInterface
    private interface Scorer {
        AttackScore score(PerturbOptions options, List<String> originals, List<String> releases, SplittableRandom rng);
    }

    /** Word level (GloVe) or token level (a model's input embeddings), as the run perturbs. */
    private static Scorer scorer(TextPerturber perturber, AttackPrior prior) {
        if (perturber instanceof TokenPerturber tokens) {
            return (options, originals, releases, rng) ->
                    new TokenAttackEvaluation(tokens.vocabulary(), options, prior).score(originals, releases, rng);
        }
        EmbeddingTable table = perturber.engine().table();
        return (options, originals, releases, rng) ->
                new AttackEvaluation(table, options, prior).score(originals, releases, rng);
    }

    /**
     * The attacker's prior: frequencies counted over the run's public prompts as the perturber reads them (GloVe's
     * words, or the tokenizer's tokens of the set). Without public prompts, Zipf's law over the vocabulary's order:
     * GloVe's files list words most frequent first, and a tokenizer's ids follow its merges, which come roughly in
     * order of frequency.
     */
    private static AttackPrior prior(TextPerturber perturber, List<String> publicPrompts) {
        if (publicPrompts.isEmpty()) {
            return AttackPrior.zipf(perturber.engine().table());
        }
        return perturber instanceof TokenPerturber tokens
                ? AttackPrior.counted(tokens.vocabulary(), publicPrompts)
                : AttackPrior.counted(perturber.engine().table(), publicPrompts);
    }

    /** Appends the privacy table, when the attacks wrote one, to the run's report {@code reportMd}. */
    public static void appendTo(RunDir dir, Path reportMd) throws IOException {
        Path table = dir.report().resolve("privacy.md");
        if (Files.exists(table) && Files.exists(reportMd)) {
            AtomicFiles.writeString(reportMd, Files.readString(reportMd) + "\n" + Files.readString(table));
        }
    }

    /** The accuracy of the release's first variant (the one at full data with decoding), null without one. */
    private static Double accuracy(RunDir dir, Release r) throws IOException {
        Path file = dir.result(r.firstVariant());
        if (!Files.exists(file)) {
            return null;
        }
        VariantResult result = VariantResult.read(file);
        return result.accuracy() == null ? null : result.accuracy().value();
    }

    private static void write(RunDir dir, List<AttackRow> rows, String priorSource) throws IOException {
        StringBuilder md = new StringBuilder("## Privacy: recovery of the private words by the server\n\n")
                .append("Share of the eligible (private) words the attacker's guess recovers, per release;")
                .append(" pass-through counts the words sent unchanged without protection.")
                .append(" The Bayesian attack's prior: ")
                .append(priorSource)
                .append(".\n\n")
                .append(AttackRow.HEADER);
        // the table reads by mechanism, then eps; the JSON keeps the release order
        rows.stream()
                .sorted(Comparator.comparing(AttackRow::mechanism).thenComparingDouble(AttackRow::epsilon))
                .forEach(r -> md.append(r.markdown()));
        Files.createDirectories(dir.privacy());
        AtomicFiles.writeString(
                dir.privacy().resolve("attacks.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rows) + "\n");
        AtomicFiles.writeString(dir.privacy().resolve("attacks.md"), md.toString());
        Files.createDirectories(dir.report());
        AtomicFiles.writeString(dir.report().resolve("privacy.md"), md.toString());
        List<AttackRow> measured = rows.stream()
                .filter(r -> r.accuracy() != null)
                .sorted(Comparator.comparingDouble(AttackRow::epsilon))
                .toList();
        if (!measured.isEmpty()) {
            ChartWriter.privacyUtility(
                    measured.stream().map(r -> "eps " + RunDir.eps(r.epsilon())).toList(),
                    measured.stream().mapToDouble(AttackRow::nearestRecovery).toArray(),
                    measured.stream().mapToDouble(AttackRow::bayesRecovery).toArray(),
                    measured.stream().mapToDouble(AttackRow::accuracy).toArray(),
                    dir.report().resolve("privacy-utility.png"));
        }
    }
}
