package org.fedcot.pipeline;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.fedcot.models.train.TrainingListener;
import org.fedcot.pipeline.run.RunListener;
import org.fedcot.pipeline.run.RunMain;

/**
 * {@link RunMain} in a child JVM that stops dead at one chosen point of the run, with
 * {@code Runtime.halt}: no shutdown hook, no finally block, no buffer flushed, as abrupt as SIGKILL, and
 * always at the same point of the work, however fast or loaded the machine. The child's exit code is
 * {@link #HALTED} when it stopped there, 0 when the run ended without reaching the point, 1 when it failed.
 * Arguments: {@code RECORDS|CHECKPOINT STAGE N} ({@link #arguments}), then {@link RunMain}'s.
 */
public final class HaltingRun {
    /** The exit code of a child halted at its point (not 137, so that a kill by anyone else is told apart). */
    public static final int HALTED = 77;

    private HaltingRun() {}

    /**
     * A point of a run: once stage {@code stage} has stored {@code n} records ({@link Kind#RECORDS}), or once
     * the training of {@code stage} has written its checkpoint of step {@code n} ({@link Kind#CHECKPOINT}).
     */
    public record Point(Kind kind, String stage, int n) {
        /** After the {@code n}-th record of stage {@code stage} is stored. */
        public static Point afterRecords(String stage, int n) {
            return new Point(Kind.RECORDS, stage, n);
        }

        /** After the training of {@code stage} has written its checkpoint of step {@code n}. */
        public static Point afterCheckpoint(String stage, int n) {
            return new Point(Kind.CHECKPOINT, stage, n);
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(Locale.ROOT) + " " + n + " of '" + stage + "'";
        }
    }

    /** What a point counts. */
    public enum Kind {
        /** Records stored by a stage. */
        RECORDS,
        /** Checkpoints written by a training stage, by step. */
        CHECKPOINT
    }

    /** The arguments that come before {@link RunMain}'s to halt at {@code point}. */
    public static List<String> arguments(Point point) {
        return List.of(point.kind().name(), point.stage(), Integer.toString(point.n()));
    }

    /** Runs {@code args[3..]} as {@link RunMain} does, halting at the point {@code args[0..2]} names. */
    public static void main(String[] args) {
        Point point = new Point(Kind.valueOf(args[0]), args[1], Integer.parseInt(args[2]));
        RunMain.run(Arrays.copyOfRange(args, 3, args.length), new RunListener() {
            @Override
            public void stageProgress(String stage, int done) {
                if (point.kind() == Kind.RECORDS && point.stage().equals(stage) && done >= point.n()) {
                    halt(point);
                }
            }

            @Override
            public TrainingListener training(String stage) {
                return new TrainingListener() {
                    @Override
                    public void onCheckpoint(int step, Path dir) {
                        if (point.kind() == Kind.CHECKPOINT && point.stage().equals(stage) && step >= point.n()) {
                            halt(point);
                        }
                    }
                };
            }

            @Override
            public void message(String line) {
                System.err.println(line);
            }
        });
    }

    private static void halt(Point point) {
        System.err.println("halted after " + point);
        Runtime.getRuntime().halt(HALTED);
    }
}
