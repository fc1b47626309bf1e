package org.fedcot.pipeline.run;

import org.fedcot.pipeline.Pipeline;
import org.fedcot.pipeline.RunOutcome;
import org.fedcot.pipeline.config.ConfigReader;

/**
 * {@code fedcot run} without the command line's progress bars, as a plain {@code main}: what the
 * resume tests start in a child JVM and stop abruptly at chosen points ({@link #run} with their listener).
 * Messages go to stderr; a failure is one line and exit code 1.
 */
public final class RunMain {
    private RunMain() {}

    /** Runs {@code --config F [--run-dir D] [--llm-url U] [--set K=V]...}. */
    public static void main(String[] args) {
        run(args, new RunListener() {
            @Override
            public void message(String line) {
                System.err.println(line);
            }
        });
    }

    /**
     * Runs {@code args} as {@link #main} does, with {@code listener} following the run (a test's, to stop it at
     * a point of its choosing); the report's path goes to stdout, a failure is one line and exit code 1.
     */
    public static void run(String[] args, RunListener listener) {
        try {
            RunArguments a = RunArguments.parse(args);
            RunOutcome done = Pipeline.run(ConfigReader.read(a.config(), a.overrides()), listener);
            System.out.println(done.report());
        } catch (Exception e) {
            System.err.println("fedcot: " + String.valueOf(e.getMessage()).replace('\n', ' '));
            System.exit(1);
        }
    }
}
