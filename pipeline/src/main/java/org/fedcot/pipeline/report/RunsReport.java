package org.fedcot.pipeline.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fedcot.pipeline.config.ConfigException;

/**
 * One report over several finished runs, each on its own dataset ({@code fedcot report}): the paper's tables
 * with methods down and the runs' datasets across.
 */
public final class RunsReport {
    private RunsReport() {}

    /**
     * Reads {@code runDirs} and writes their joint report into {@code out}.
     *
     * @return the report's Markdown file
     * @throws ConfigException when a directory is missing, not a finished run, or two runs share a dataset
     */
    public static Path write(List<Path> runDirs, Path out) throws IOException {
        if (runDirs.isEmpty()) {
            throw new ConfigException("no run directory given");
        }
        List<RunResults> runs = new ArrayList<>();
        Map<String, Path> byDataset = new HashMap<>();
        for (Path dir : runDirs) {
            RunResults run = RunReader.read(dir);
            Path other = byDataset.putIfAbsent(run.dataset(), dir);
            if (other != null) {
                throw new ConfigException(
                        other + " and " + dir + " are both runs on " + run.dataset() + ": give one run per dataset");
            }
            runs.add(run);
        }
        return PaperTables.write(runs, out);
    }
}
