package org.fedcot.pipeline.run;

import org.fedcot.pipeline.Pipeline;
import org.fedcot.pipeline.RunOutcome;
import org.fedcot.pipeline.config.ConfigReader;

/**
 * {@code fedcot run} without the command line's progress bars, as a plain {@code main}: what the
 * resume tests start in a child JVM and kill. Messages go to stderr; a failure is one line and exit code 1.
 */
public final class RunMain {
    private RunMain() {
    }

    /** Runs {@code --config F [--run-dir D] [--llm-url U] [--set K=V]...}. */
    public static void main(String[] args) {
        try {
            RunArguments a = RunArguments.parse(args);
            RunOutcome done = Pipeline.run(ConfigReader.read(a.config(), a.overrides()), new RunListener() {
                @Override
                public void message(String line) {
                    System.err.println(line);
                }
            });
            System.out.println(done.report());
        } catch (Exception e) {
            System.err.println("fedcot: " + String.valueOf(e.getMessage()).replace('\n', ' '));
            System.exit(1);
        }
    }
}
