package org.fedcot.tensor.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The check an atomic write makes before it creates its temporary sibling: a failure then names the file
 * the user asked for, not the temporary one, which the user never heard of.
 */
public final class OutputFile {
    private OutputFile() {}

    /**
     * Checks that {@code path} can be written as a file: it is not a directory, and its directory exists.
     *
     * @throws FileSystemException naming {@code path} (or its missing directory)
     */
    public static void check(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new FileSystemException(path.toString(), null, "Is a directory");
        }
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "the directory for " + path + " does not exist");
        }
    }
}
