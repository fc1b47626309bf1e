package org.fedcot.cli.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fedcot.pipeline.report.RunsReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fedcot report}: the paper's tables over several finished runs, one per dataset. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Merges finished runs (fedcot run), one per dataset, into the paper's tables: methods down,"
                    + " datasets across, with charts. Prints the report's Markdown file."
        })
public final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(
            names = "--runs",
            required = true,
            arity = "1..*",
            paramLabel = "DIR",
            description = "finished run directories, each on another dataset")
    private List<Path> runs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the report is written")
    private Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(RunsReport.write(runs, out));
        stdout.flush();
        return 0;
    }
}
