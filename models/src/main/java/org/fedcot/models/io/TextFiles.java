package org.fedcot.models.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a UTF-8 text file that a user named, so that every way it can be wrong names the file: a missing
 * file or a directory is a {@link FileSystemException} for that path, and bytes that are not UTF-8 are an
 * error giving the file and the offset of the first bad byte (the JDK's own says only "Input length = 1").
 */
public final class TextFiles {
    private TextFiles() {}

    /**
     * The whole of {@code file} as text.
     *
     * @throws NoSuchFileException when it does not exist
     * @throws FileSystemException when it is a directory
     * @throws IOException         naming the file and the byte when it is not UTF-8, or when it cannot be read
     */
    public static String read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "Is a directory");
        }
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never decodes to more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new IOException(file + ": not UTF-8 text (byte " + in.position() + ")");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /**
     * The lines of {@code file}, without their line ends ({@code \n} or {@code \r\n}), as
     * {@link Files#readAllLines} gives them.
     *
     * @throws IOException as {@link #read}
     */
    public static List<String> lines(Path file) throws IOException {
        return read(file).lines().toList();
    }
}
