package org.fedcot.cli;

import org.fedcot.cli.bench.BenchCommand;
import org.fedcot.cli.demo.DemoCommand;
import org.fedcot.cli.eval.EvalCommand;
import org.fedcot.cli.llm.AskCommand;
import org.fedcot.cli.model.GenerateCommand;
import org.fedcot.cli.model.GradsCommand;
import org.fedcot.cli.model.InitCommand;
import org.fedcot.cli.privacy.PerturbCommand;
import org.fedcot.cli.run.ReportCommand;
import org.fedcot.cli.run.RunCommand;
import org.fedcot.cli.serve.ServeCommand;
import org.fedcot.cli.tokenize.TokenizeCommand;
import org.fedcot.cli.train.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fedcot} command. Errors reach the user as one line naming what was wrong and a
 * non-zero exit code; set FEDCOT_DEBUG=1 to see the stack trace instead.
 */
@Command(name = "fedcot", mixinStandardHelpOptions = true, version = "fedcot 0.1.0",
        description = "Federated chain-of-thought distillation (FedCoT) on the JVM, with no ML runtime underneath.",
        subcommands = {DemoCommand.class, TokenizeCommand.class, GenerateCommand.class, InitCommand.class,
                GradsCommand.class, TrainCommand.class, PerturbCommand.class, EvalCommand.class, ServeCommand.class, AskCommand.class, RunCommand.class, ReportCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (0 success, 1 failure, 2 bad usage). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (System.getenv("FEDCOT_DEBUG") != null) {
                ex.printStackTrace();
            } else {
                line.getErr().println("fedcot: " + oneLine(ex));
            }
            return 1;
        });
        return cl.execute(args);
    }

    private static String oneLine(Throwable ex) {
        String msg = ex.getMessage();
        return (msg == null || msg.isBlank() ? ex.getClass().getSimpleName() : msg).replace('\n', ' ');
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
