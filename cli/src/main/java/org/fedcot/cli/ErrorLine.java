package org.fedcot.cli;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fedcot.tensor.TensorOutOfMemoryError;

/**
 * The one line that tells the user what went wrong, for any failure of a command: the exception's own
 * message where it names what was wrong, and for the JDK's file exceptions, whose messages are a bare path
 * or a bare reason, the file and what is wrong with it. Control characters that a message quotes from the
 * input are escaped, so the line stays one line and cannot act on the terminal.
 */
final class ErrorLine {
    private static final Pattern FILE_AND_REASON = Pattern.compile("(.+) \\(([^()]+)\\)");

    private ErrorLine() {}

    /** The message for {@code failure} of command {@code command} (for example "train"). */
    static String of(Throwable failure, String command) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TensorOutOfMemoryError e) {
                return outOfMemory(command, e);
            }
            if (t instanceof OutOfMemoryError) {
                return outOfMemory(command);
            }
        }
        Throwable cause =
                failure instanceof UncheckedIOException && failure.getCause() != null ? failure.getCause() : failure;
        String text = cause instanceof FileSystemException e ? fileProblem(e) : message(cause);
        return TerminalText.oneLine(text.strip().replace("\r\n", " ").replace('\n', ' '));
    }

    /**
     * What ran out and what to do: the JVM's heap limit and the launcher's variable that raises it. Said
     * without allocating much, since the heap is (nearly) full.
     */
    static String outOfMemory(String command) {
        long max = Runtime.getRuntime().maxMemory();
        return "out of memory while running '" + command + "' (the JVM may use at most " + MemoryBudget.size(max)
                + "): make the job smaller, or " + moreHeap(2 * max);
    }

    /**
     * Running out of memory for a tensor: which tensor (shape, name, size) did not fit in what heap, and the
     * two ways out. The suggested heap is twice the present one, or the present one and twice the tensor
     * when that is more.
     */
    static String outOfMemory(String command, TensorOutOfMemoryError e) {
        long max = Runtime.getRuntime().maxMemory();
        return "out of memory allocating " + e.allocation() + " (" + MemoryBudget.size(e.bytes()) + ") while running '"
                + command + "' with a heap of " + MemoryBudget.size(max) + ": use a smaller model, batch or --seq, or "
                + moreHeap(Math.max(2 * max, max + 2 * e.bytes()));
    }

    /** The launcher's way to a heap of at least {@code bytes} (in whole GiB, 2 at least). */
    private static String moreHeap(long bytes) {
        long gib = Math.max(2, (bytes + (1L << 30) - 1) >> 30);
        return "give the JVM more memory, e.g. FEDCOT_JAVA_OPTS=-Xmx" + gib + "g ./fedcot ... (the fedcot launcher "
                + "passes FEDCOT_JAVA_OPTS to java)";
    }

    private static String fileProblem(FileSystemException e) {
        String file = e.getFile() == null ? "a file" : e.getFile();
        String other = e.getOtherFile() == null ? "" : " (and " + e.getOtherFile() + ")";
        String what =
                switch (e) {
                    case NoSuchFileException x -> "no such file or directory";
                    case AccessDeniedException x -> "permission denied";
                    case FileAlreadyExistsException x -> "already exists";
                    case DirectoryNotEmptyException x -> "directory not empty";
                    case NotDirectoryException x -> "not a directory";
                    default -> reason(e.getReason());
                };
        return file + other + ": " + what;
    }

    /** The OS's reason in the project's words: "Is a directory" says what was expected instead. */
    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return "cannot be read or written";
        }
        if (reason.equalsIgnoreCase("Is a directory")) {
            return "is a directory, expected a file";
        }
        return reason.toLowerCase(Locale.ROOT);
    }

    private static String message(Throwable e) {
        String msg = e.getMessage();
        if (e instanceof FileNotFoundException && msg != null) {
            // java.io's "runs/x (Is a directory)": the file, then the OS's reason in brackets
            Matcher m = FILE_AND_REASON.matcher(msg);
            if (m.matches()) {
                return m.group(1) + ": " + reason(m.group(2));
            }
        }
        if (e instanceof CharacterCodingException) {
            // the decoder's "Input length = 1" names nothing: the read site should have added the file
            return "a file is not UTF-8 text";
        }
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
    }
}
