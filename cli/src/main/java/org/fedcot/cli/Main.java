package org.fedcot.cli;

import org.fedcot.cli.bench.BenchCommand;
import org.fedcot.cli.demo.DemoCommand;
import org.fedcot.cli.eval.EvalCommand;
import org.fedcot.cli.llm.AskCommand;
import org.fedcot.cli.model.GenerateCommand;
import org.fedcot.cli.model.GradsCommand;
import org.fedcot.cli.model.InitCommand;
import org.fedcot.cli.model.MergeCommand;
import org.fedcot.cli.privacy.AttackCommand;
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
@Command(
        name = "fedcot",
        mixinStandardHelpOptions = true,
        version = "fedcot 0.1.0",
        description = "Federated chain-of-thought distillation (FedCoT) on the JVM, with no ML runtime underneath.",
        subcommands = {
            DemoCommand.class,
            TokenizeCommand.class,
            GenerateCommand.class,
            InitCommand.class,
            MergeCommand.class,
            GradsCommand.class,
            TrainCommand.class,
            PerturbCommand.class,
            AttackCommand.class,
            EvalCommand.class,
            ServeCommand.class,
            AskCommand.class,
            RunCommand.class,
            ReportCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns its exit status (0 success, 1 failure, 2 bad usage). Running out of
     * memory is a failure like any other: one line saying so and how to give the JVM more.
     */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> report(line, ex));
        cl.setParameterExceptionHandler(Main::usageError);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes Errors through: this is the one place that still knows which command ran
            CommandLine.ParseResult parsed = cl.getParseResult();
            CommandLine line = cl;
            while (parsed != null && parsed.hasSubcommand()) {
                parsed = parsed.subcommand();
                line = parsed.commandSpec().commandLine();
            }
            return report(line, e);
        }
    }

    /**
     * A usage error as one line, like every other error: what was wrong and where the full usage is, rather
     * than the whole usage text after the message.
     */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        String command = line.getCommandSpec().qualifiedName(" ");
        line.getErr()
                .println("fedcot: "
                        + TerminalText.oneLine(ex.getMessage().strip().replace('\n', ' ')) + " (see '" + command
                        + " --help')");
        line.getErr().flush();
        return line.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int report(CommandLine line, Throwable failure) {
        if (System.getenv("FEDCOT_DEBUG") != null) {
            failure.printStackTrace();
        } else {
            line.getErr()
                    .println("fedcot: "
                            + ErrorLine.of(
                                    failure,
                                    line.getCommandSpec().qualifiedName(" ").replaceFirst("^fedcot ", "")));
            line.getErr().flush();
        }
        return 1;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
