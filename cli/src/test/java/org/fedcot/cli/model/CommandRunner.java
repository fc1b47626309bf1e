package org.fedcot.cli.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Runs one of this package's commands in-process with standard output and error captured, turning an
 * exception into exit 1 and its message on one line, as {@code Main} does for every command.
 */
final class CommandRunner {
    private CommandRunner() {
    }

    /** Exit code, standard output as raw bytes, standard error as text. */
    record Result(int code, byte[] stdout, String err) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    static Result run(Object command, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            CommandLine cl = new CommandLine(command);
            cl.setOut(new PrintWriter(o, true));
            cl.setErr(new PrintWriter(e, true));
            cl.setExecutionExceptionHandler((ex, line, parsed) -> {
                line.getErr().println("fedcot: " + ex.getMessage());
                return 1;
            });
            int code = cl.execute(args);
            return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** A file of the shared folder ({@code fedcot.shared}, set by surefire); the test is skipped without it. */
    static Path shared(String relative) {
        String root = System.getProperty("fedcot.shared");
        assumeTrue(root != null, "system property fedcot.shared is not set");
        Path path = Path.of(root).resolve(relative);
        assumeTrue(Files.exists(path), path + " is missing");
        return path;
    }

    /** A case of the PyTorch gradient fixtures that models/src/test/python/make_grads_fixtures.py writes. */
    static Path gradsFixture(String name) {
        // surefire runs each module's tests in the module's directory; the fixtures live in the models module
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path dir = base.resolveSibling("models").resolve("src/test/resources/grads").resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("gradient fixture " + dir + " is missing");
        }
        return dir;
    }
}
