package org.fedcot.models.train;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Publishes a directory all at once: its files are written into a hidden temporary sibling, synced,
 * and the sibling renamed to the target name. A crash or an error part-way leaves no directory
 * under the target name (the temporary one is deleted on error, and is hidden and ignored after a
 * crash), so a directory that exists is complete.
 */
final class AtomicDirectory {
    /** Prefix of the hidden temporary siblings, so leftovers of a crash can be recognised. */
    static final String TEMP_PREFIX = ".tmp-";

    /** Writes the files of a directory being built. */
    @FunctionalInterface
    interface Contents {
        void writeInto(Path dir) throws IOException;
    }

    private AtomicDirectory() {}

    /** Builds {@code target} with {@code contents}, replacing any directory there only once the new one is complete. */
    static void write(Path target, Contents contents) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(TEMP_PREFIX + target.getFileName() + "-" + randomHex());
        Files.createDirectory(tmp);
        try {
            contents.writeInto(tmp);
            sync(tmp);
            if (Files.exists(target)) {
                // a directory cannot be renamed over a non-empty one: move the old aside first
                Path old = parent.resolve(TEMP_PREFIX + target.getFileName() + "-old-" + randomHex());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                deleteRecursively(old);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | RuntimeException e) {
            deleteRecursively(tmp);
            throw e;
        }
        sync(parent);
    }

    /** Writes {@code text} as UTF-8 and syncs it to disk (atomicity comes from the directory's rename). */
    static void writeSynced(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        sync(file);
    }

    /** Deletes {@code path} and, for a directory, everything in it; nothing happens when it does not exist. */
    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Forces a file's or directory's content (for a directory: its entries) to disk, where the platform allows. */
    private static void sync(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(path)) {
                throw e; // some platforms cannot open a directory for syncing; a file must sync
            }
        }
    }

    private static String randomHex() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }
}
