package org.fedcot.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The line that ends a test build: how many tests, over all modules, skipped because a reference file of
 * ../shared is missing. Each module's {@link ReferenceSkipCounter} leaves a file "BUILD COUNT" in one folder;
 * only the files of this build count, so a module that did not run this time adds nothing from an older run.
 * Run by the last module of the reactor (test-summary) as {@code ReferenceSkipTotal FOLDER BUILD}.
 */
public final class ReferenceSkipTotal {
    private ReferenceSkipTotal() {}

    /** Prints the total line for the counts of build {@code args[1]} in folder {@code args[0]}, if tests ran. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ReferenceSkipTotal FOLDER BUILD");
        }
        total(Path.of(args[0]), args[1]).ifPresent(n -> System.out.println(line(n)));
    }

    /** What the user reads at the end of the test output. */
    static String line(int skipped) {
        if (skipped == 0) {
            return "Reference files: 0 tests skipped, every file the tests need is in ../shared";
        }
        return "Reference files: " + skipped + (skipped == 1 ? " test" : " tests")
                + " skipped because files of ../shared are missing (see README.md, \"Reference files\")";
    }

    /** The sum of build {@code build}'s counts in {@code folder}; empty when no module's tests ran in it. */
    static OptionalInt total(Path folder, String build) throws IOException {
        if (!Files.isDirectory(folder)) {
            return OptionalInt.empty();
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(f -> f.toString().endsWith(".txt")).toList();
        }
        OptionalInt sum = OptionalInt.empty();
        for (Path file : files) {
            String[] fields =
                    Files.readString(file, StandardCharsets.UTF_8).strip().split(" ");
            if (fields.length == 2 && fields[0].equals(build)) {
                sum = OptionalInt.of(sum.orElse(0) + Integer.parseInt(fields[1]));
            }
        }
        return sum;
    }

    /** Writes one module's count as "BUILD COUNT", atomically: a half-written file is never read. */
    static void write(Path file, String build, int skipped) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, build + " " + skipped + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
