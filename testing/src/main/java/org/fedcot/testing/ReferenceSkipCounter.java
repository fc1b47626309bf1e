package org.fedcot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Counts the tests of one test JVM that were skipped because a reference file is missing (their assumption's
 * message holds {@link SharedFiles#MISSING}, after JUnit's "Assumption failed: ") and writes the count where
 * {@link ReferenceSkipTotal} adds it up. The JUnit Platform loads it through META-INF/services in every module's
 * test run; it writes only when the build names the file (system property {@value #FILE_PROPERTY}, set by the
 * root pom), so a test run from an IDE leaves nothing behind.
 */
public final class ReferenceSkipCounter implements TestExecutionListener {
    /** The file this module's count goes to, e.g. target/reference-skips/fedcot-models.txt under the reactor root. */
    public static final String FILE_PROPERTY = "fedcot.referenceSkips.file";
    /** What tells this build's counts from a previous build's: Maven's build timestamp. */
    public static final String BUILD_PROPERTY = "fedcot.referenceSkips.build";

    private final Path file;
    private final String build;
    private TestPlan plan;
    private int skipped;

    /** The listener the JUnit Platform loads: it writes where the build's system properties say. */
    public ReferenceSkipCounter() {
        this(fileNamedByBuild(), System.getProperty(BUILD_PROPERTY, ""));
    }

    /** A listener that writes its count to {@code file} (none: it only counts) under the build id {@code build}. */
    ReferenceSkipCounter(Path file, String build) {
        this.file = file;
        this.build = build;
    }

    private static Path fileNamedByBuild() {
        String name = System.getProperty(FILE_PROPERTY);
        return name == null ? null : Path.of(name);
    }

    /** How many tests skipped for want of a reference file so far in this JVM. */
    synchronized int skipped() {
        return skipped;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    /** Synchronized: with JUnit's parallel execution switched on, tests finish on several threads. */
    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        boolean missingFile = result.getStatus() == TestExecutionResult.Status.ABORTED
                && result.getThrowable()
                        .map(Throwable::getMessage)
                        .filter(m -> m.contains(SharedFiles.MISSING))
                        .isPresent();
        if (missingFile) {
            skipped += tests(id);
        }
    }

    /**
     * Writes the count after each plan: surefire may run several plans in one JVM (one per class), and the
     * count is this JVM's total so far, so the last write holds the module's total.
     */
    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        if (file == null) {
            return;
        }
        try {
            ReferenceSkipTotal.write(file, build, skipped);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One for a test; for a class or a parameterized test that stopped before its tests ran (an assumption in
     * {@code @BeforeAll} or in an argument source), the tests it holds, and at least one.
     */
    private int tests(TestIdentifier id) {
        if (id.isTest()) {
            return 1;
        }
        long held =
                plan.getDescendants(id).stream().filter(TestIdentifier::isTest).count();
        return (int) Math.max(1, held);
    }
}
