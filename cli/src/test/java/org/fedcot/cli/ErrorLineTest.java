package org.fedcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.fedcot.tensor.TensorOutOfMemoryError;
import org.junit.jupiter.api.Test;

/** The top-level handler's line: file errors name their file, running out of memory says what to set. */
class ErrorLineTest {
    @Test
    void theJdksFileExceptionsNameTheFileAndTheProblem() {
        assertEquals("/nope: no such file or directory", ErrorLine.of(new NoSuchFileException("/nope"), "x"));
        assertEquals(
                "runs/x: is a directory, expected a file",
                ErrorLine.of(new FileSystemException("runs/x", null, "Is a directory"), "x"));
        assertEquals(
                "secret.txt: permission denied",
                ErrorLine.of(new UncheckedIOException(new AccessDeniedException("secret.txt")), "x"));
        assertEquals(
                "runs/x: is a directory, expected a file",
                ErrorLine.of(new FileNotFoundException("runs/x (Is a directory)"), "x"));
    }

    @Test
    void aDecoderErrorNeverReadsInputLengthOne() {
        String line = ErrorLine.of(new MalformedInputException(1), "x");
        assertTrue(!line.contains("Input length") && line.contains("not UTF-8"), line);
    }

    @Test
    void outOfMemoryAnywhereSaysWhatRanAndWhatToSet() {
        String line = ErrorLine.of(new OutOfMemoryError("Java heap space"), "train");
        assertTrue(line.startsWith("out of memory while running 'train'"), line);
        assertTrue(line.contains("FEDCOT_JAVA_OPTS=-Xmx"), line);
        String wrapped = ErrorLine.of(new IOException("reading", new OutOfMemoryError()), "eval");
        assertTrue(wrapped.startsWith("out of memory while running 'eval'"), wrapped);
    }

    @Test
    void outOfMemoryForATensorNamesItTheHeapAndWhatToSet() {
        TensorOutOfMemoryError e = new TensorOutOfMemoryError(new int[] {32000, 896}, null, new OutOfMemoryError())
                .named("model.embed_tokens.weight");
        String line = ErrorLine.of(new IllegalStateException("loading", e), "init");
        String heap = MemoryBudget.size(Runtime.getRuntime().maxMemory());
        assertTrue(
                line.startsWith("out of memory allocating a 32000x896 tensor 'model.embed_tokens.weight' (109.4 MiB) "
                        + "while running 'init' with a heap of " + heap
                        + ": use a smaller model, batch or --seq, or give the JVM "
                        + "more memory, e.g. FEDCOT_JAVA_OPTS=-Xmx"),
                line);
    }

    @Test
    void aMessageStaysOneLine() {
        assertEquals(
                "bad: one two\\u001b[2J", ErrorLine.of(new IllegalArgumentException("bad: one\ntwo\u001b[2J"), "x"));
    }
}
