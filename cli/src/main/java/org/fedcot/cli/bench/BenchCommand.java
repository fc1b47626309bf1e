package org.fedcot.cli.bench;

import org.fedcot.cli.privacy.AttackBench;
import org.fedcot.cli.privacy.PerturbBench;
import org.fedcot.cli.train.TrainBenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fedcot bench ...}: measured figures for the kernels, printed as a last line a script can read. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks of the tensor kernels (JMH suites live in bench/).",
        subcommands = {
            MatmulBench.class,
            TrainBenchCommand.class,
            PerturbBench.class,
            EvalBench.class,
            GenerateBench.class,
            AttackBench.class
        })
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
