package org.fedcot.cli.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fedcot.pipeline.config.LlmSettings;
import org.fedcot.pipeline.config.RunConfig;
import org.fedcot.pipeline.privacy.AttackRow;
import org.fedcot.pipeline.privacy.PublicPrompts;
import org.fedcot.pipeline.privacy.RunAttacks;
import org.fedcot.pipeline.run.RunDir;
import org.fedcot.pipeline.run.RunListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fedcot attack --run DIR}: what a semi-honest server could reconstruct of a run's private prompts from
 * exactly what it received (the run's perturbed-prompt stage files), by nearest-neighbour and Bayesian inversion.
 */
@Command(
        name = "attack",
        mixinStandardHelpOptions = true,
        description = {
            "Attacks the prompts a run (fedcot run) sent to the server: nearest-neighbour and Bayesian"
                    + " inversion of every FedCoT-E release (and, with --llm-url, the LLM's restorations), recovery per"
                    + " eps beside accuracy.",
            "Writes DIR/privacy/attacks.json and .md and DIR/report/privacy.md; prints the table."
        })
public final class AttackCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "a run directory of fedcot run")
    private Path run;

    @Option(
            names = "--llm-url",
            paramLabel = "URL",
            description = "an OpenAI-compatible API (the server's LLM) asked to restore each released prompt: the"
                    + " language-model attack, with the run's llm settings otherwise")
    private String llmUrl;

    @Override
    public Integer call() throws Exception {
        RunDir dir = new RunDir(run);
        if (!Files.exists(dir.config())) {
            throw new IllegalArgumentException(run + ": not a run directory of fedcot run (it has no config.json)");
        }
        RunConfig config = new ObjectMapper().readValue(dir.config().toFile(), RunConfig.class);
        if (config.privacy().embeddings() == null) {
            throw new IllegalArgumentException(
                    dir.config() + ": privacy.embeddings is not set; the run perturbed nothing");
        }
        PrintWriter err = spec.commandLine().getErr();
        LlmSettings l = config.llm();
        LlmSettings lm = llmUrl == null
                ? null
                : new LlmSettings(
                        llmUrl,
                        l.model(),
                        l.apiKeyEnv(),
                        l.temperature(),
                        l.maxTokens(),
                        l.concurrency(),
                        l.rpm(),
                        l.allowRawPrompts());
        RunListener listener = new RunListener() {
            @Override
            public void message(String line) {
                err.println(line);
                err.flush();
            }
        };
        PrintWriter out = spec.commandLine().getOut();
        boolean any = false;
        // a run of several seeds keeps each seed's releases in seed-S/: every seed is attacked, with the config
        // (and so the estimates' seed) the run's attack stage used, and the public prompts it recorded (those of a
        // run made before runs recorded them are read from its task files, split as it split them)
        for (long seed : config.seedList()) {
            RunDir seedDir = dir.forSeed(seed, config.perSeedDirectories());
            PublicPrompts.recordFromConfig(seedDir, config, seed);
            List<AttackRow> rows = RunAttacks.run(seedDir, config, lm, listener);
            if (!rows.isEmpty()) {
                any = true;
                if (config.perSeedDirectories()) {
                    out.println("seed " + seed + ":");
                }
                out.print(Files.readString(seedDir.privacy().resolve("attacks.md")));
            }
        }
        if (!any) {
            out.println("no FedCoT-E release to attack in " + run);
        }
        out.flush();
        return 0;
    }
}
