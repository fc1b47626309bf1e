package org.fedcot.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One in-process run of the {@code fedcot} command line through {@link Main#run}, exactly as the
 * launcher runs it, with standard output (raw bytes) and standard error captured.
 */
public record CliRun(int code, byte[] stdout, String err) {
    private static final String ERROR_PREFIX = "fedcot: ";

    /** Runs {@code fedcot args...}. */
    public static CliRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = Main.run(args);
            return new CliRun(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Runs {@code fedcot name args...}. */
    public static CliRun command(String name, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = name;
        System.arraycopy(args, 0, all, 1, args.length);
        return of(all);
    }

    /** Runs {@code fedcot name leading... args...}: a test's fixed arguments, then each call's own. */
    public static CliRun command(String name, List<String> leading, String... args) {
        List<String> all = new ArrayList<>(leading);
        all.addAll(List.of(args));
        return command(name, all.toArray(String[]::new));
    }

    /** Standard output as UTF-8 text. */
    public String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** What the user was told went wrong: the one-line error without its "fedcot: " prefix, or the usage error. */
    public String message() {
        return err.startsWith(ERROR_PREFIX)
                ? err.substring(ERROR_PREFIX.length()).strip()
                : err;
    }
}
