package org.fedcot.cli.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fedcot.pipeline.Pipeline;
import org.fedcot.pipeline.RunOutcome;
import org.fedcot.pipeline.config.ConfigReader;
import org.fedcot.pipeline.run.RunArguments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fedcot run}: a FedCoT run as a YAML config describes it (Algorithm 1, baselines, ablations, report),
 * resumable: started again after a stop, it continues from the last finished unit of work.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs FedCoT (Algorithm 1), its baselines and ablations as a YAML config describes them,"
                    + " and writes the paper's tables to RUN_DIR/report. Stopped at any point and started again,"
                    + " it resumes without asking the LLM again.",
            "The LLM is a separate party: an OpenAI-compatible server (fedcot serve, vLLM, ...)."
        })
public final class RunCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "the run's YAML config (see examples/)")
    private Path config;

    @Option(
            names = "--llm-url",
            paramLabel = "URL",
            description = "the LLM server's API root, e.g. http://127.0.0.1:8000/v1 (overrides llm.url)")
    private String llmUrl;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "the run directory (overrides runDir)")
    private Path runDir;

    @Option(
            names = "--set",
            paramLabel = "FIELD=VALUE",
            description = "overrides one config field, e.g. --set train.steps=100 --set privacy.epsilon=1 (repeatable)")
    private List<String> sets;

    @Override
    public Integer call() throws Exception {
        RunArguments args = RunArguments.of(config, runDir, llmUrl, sets);
        PrintWriter out = spec.commandLine().getOut();
        RunOutcome done;
        try (RunProgress progress = new RunProgress(new PrintWriter(System.err, true))) {
            done = Pipeline.run(ConfigReader.read(args.config(), args.overrides()), progress);
        }
        out.println(done.report());
        out.flush();
        return 0;
    }
}
