package org.fedcot.models.tokenizer.llama2c;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.fedcot.models.tokenizer.TokenizerException;

/**
 * Reads llama2.c's tokenizer.bin: a little-endian int max_token_length, then per token a float
 * score, an int byte length and that many bytes. The file holds no token count (run.c takes it from
 * the model's config), so without an expected count the tokens run to the end of the file.
 *
 * <p>run.c trusts the file; this reader checks every field so that a corrupt or truncated file, or
 * a file of another kind, fails with one message naming the file and the problem.
 */
final class TokenizerBinReader {
    /** Far above any real tokenizer (Llama 2: 27); a larger header means the file is something else. */
    private static final int MAX_PLAUSIBLE_TOKEN_LENGTH = 1 << 16;
    /** Far above any real tokenizer.bin (Llama 2: 424 KiB); keeps a model checkpoint out of memory. */
    private static final long MAX_FILE_BYTES = 256L << 20;

    private static final String NOT_A_TOKENIZER = " (not a llama2.c tokenizer.bin?)";

    private final Path file;
    private final ByteBuffer in;

    private TokenizerBinReader(Path file, byte[] content) {
        this.file = file;
        this.in = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads {@code file}; with {@code expectedTokens} present the file must hold exactly that many. */
    static Vocabulary read(Path file, OptionalInt expectedTokens) throws TokenizerException {
        return new TokenizerBinReader(file, readBytes(file)).vocabulary(expectedTokens);
    }

    private static byte[] readBytes(Path file) throws TokenizerException {
        long size;
        try {
            size = Files.size(file);
            if (size <= MAX_FILE_BYTES) {
                return Files.readAllBytes(file);
            }
        } catch (NoSuchFileException e) {
            throw new TokenizerException(file, "does not exist", e);
        } catch (IOException e) {
            throw new TokenizerException(file, "cannot be read: " + e.getMessage(), e);
        }
        throw new TokenizerException(file, "file is " + size + " bytes, too large" + NOT_A_TOKENIZER);
    }

    private Vocabulary vocabulary(OptionalInt expectedTokens) throws TokenizerException {
        if (in.remaining() < Integer.BYTES) {
            throw problem("file is " + in.remaining() + " bytes, too short for the max_token_length header");
        }
        int maxTokenLength = in.getInt();
        if (maxTokenLength <= 0 || maxTokenLength > MAX_PLAUSIBLE_TOKEN_LENGTH) {
            throw problem("max_token_length " + maxTokenLength + " is not plausible" + NOT_A_TOKENIZER);
        }
        List<String> pieces = new ArrayList<>();
        float[] scores = new float[1024]; // grown, not sized by an expected count that could be corrupt
        int expected = expectedTokens.orElse(-1);
        while (expected >= 0 ? pieces.size() < expected : in.hasRemaining()) {
            int id = pieces.size();
            requireBytes(2 * Integer.BYTES, id, expected);
            if (id == scores.length) {
                scores = Arrays.copyOf(scores, 2 * id);
            }
            scores[id] = in.getFloat();
            int length = in.getInt();
            if (length < 0) {
                throw problem("token " + id + " has negative length " + length + NOT_A_TOKENIZER);
            }
            if (length > maxTokenLength) {
                throw problem("token " + id + " length " + length + " exceeds max_token_length " + maxTokenLength);
            }
            requireBytes(length, id, expected);
            byte[] bytes = new byte[length];
            in.get(bytes);
            pieces.add(Vocabulary.key(bytes, 0, length));
        }
        if (in.hasRemaining()) {
            throw problem(in.remaining() + " bytes left over after " + expected + " tokens");
        }
        if (pieces.size() < Llama2cTokenizer.FIRST_BYTE_TOKEN) {
            throw problem("only " + pieces.size() + " tokens; llama2.c needs at least <unk>, <s> and </s>");
        }
        return new Vocabulary(pieces.toArray(String[]::new), Arrays.copyOf(scores, pieces.size()));
    }

    private void requireBytes(int needed, int id, int expected) throws TokenizerException {
        if (in.remaining() < needed) {
            String which = expected >= 0 ? "after " + id + " of " + expected + " tokens" : "inside token " + id;
            throw problem("file ends " + which + " (token " + id + " needs " + needed + " more bytes, " + in.remaining()
                    + " left)");
        }
    }

    private TokenizerException problem(String what) {
        return new TokenizerException(file, what);
    }
}
