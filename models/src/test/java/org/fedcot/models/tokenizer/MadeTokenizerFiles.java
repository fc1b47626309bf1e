package org.fedcot.models.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.fedcot.models.tokenizer.hf.BpeTrainer;
import org.fedcot.models.tokenizer.hf.TrainedBpe;
import org.fedcot.models.tokenizer.llama2c.TokenizerBinBytes;

/**
 * Tokenizer files the tests make themselves, in each format the project reads, so that loading and
 * the tokenizers' rules are checked without ../shared: a byte-level BPE trained on {@link MadeTexts}
 * and saved as a Hugging Face tokenizer.json and as GPT-2's encoder.json + vocab.bpe, and a llama2.c
 * tokenizer.bin with pieces chosen here.
 */
public final class MadeTokenizerFiles {
    /** The trained BPE's size: its special token, the 256 byte tokens and 543 merges. */
    public static final int BPE_VOCAB = 800;

    public static final String END_OF_TEXT = "<|endoftext|>";
    /**
     * The llama2.c pieces after {@code <unk>}, {@code <s>}, {@code </s>} and the 256 byte tokens, in
     * score order (the first scores highest): enough to merge "Once" into one token, " the", and a
     * two-byte piece "â".
     */
    public static final List<String> LLAMA2C_PIECES = List.of(
            " ", "O", "n", "c", "e", " O", "On", " On", "ce", "nce", " Once", "t", "h", " t", "he", " the", "â");
    /** The id of the first of {@link #LLAMA2C_PIECES}. */
    public static final int FIRST_PIECE = 3 + 256;

    private static TrainedBpe trained;

    private MadeTokenizerFiles() {}

    /** The BPE trained on 3000 made texts (seed 1), trained once per test JVM. */
    public static synchronized TrainedBpe trainedBpe() {
        if (trained == null) {
            trained = new BpeTrainer(BPE_VOCAB, List.of(END_OF_TEXT)).train(MadeTexts.of(3000, 1));
        }
        return trained;
    }

    /** Saves the trained BPE as {@code dir/name} (a Hugging Face tokenizer.json) and returns the file. */
    public static Path tokenizerJson(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        trainedBpe().save(file);
        return file;
    }

    /**
     * Writes the trained BPE as GPT-2's pair in {@code dir}: encoder.json (token to id, in id order)
     * and vocab.bpe (a version line, then one merge per line, highest priority first).
     */
    public static void gpt2Files(Path dir) throws IOException {
        TrainedBpe bpe = trainedBpe();
        ObjectNode encoder = new ObjectMapper().createObjectNode();
        for (int id = 0; id < bpe.vocab().size(); id++) {
            encoder.put(bpe.vocab().get(id), id);
        }
        Files.writeString(dir.resolve("encoder.json"), encoder.toString(), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of("#version: 0.2"));
        bpe.merges().forEach(m -> lines.add(m.left() + " " + m.right()));
        Files.write(dir.resolve("vocab.bpe"), lines, StandardCharsets.UTF_8);
    }

    /**
     * Writes a llama2.c tokenizer.bin to {@code file}: {@code <unk>}, {@code <s>}, {@code </s>}, the 256 byte
     * tokens, then {@link #LLAMA2C_PIECES}; each piece scores minus its id, so earlier pieces merge first.
     */
    public static Path tokenizerBin(Path file) throws IOException {
        List<String> pieces = new ArrayList<>(List.of("<unk>", "\n<s>\n", "\n</s>\n"));
        IntStream.range(0, 256)
                .mapToObj(b -> "<0x" + HexFormat.of().withUpperCase().toHexDigits((byte) b) + ">")
                .forEach(pieces::add);
        pieces.addAll(LLAMA2C_PIECES);
        int longest = pieces.stream()
                .mapToInt(p -> p.getBytes(StandardCharsets.UTF_8).length)
                .max()
                .orElseThrow();
        return Files.write(file, TokenizerBinBytes.of(longest, pieces.toArray(String[]::new)));
    }

    /** The id of one of {@link #LLAMA2C_PIECES} in the file {@link #tokenizerBin} writes. */
    public static int llama2cId(String piece) {
        int index = LLAMA2C_PIECES.indexOf(piece);
        if (index < 0) {
            throw new IllegalArgumentException("not a made llama2.c piece: '" + piece + "'");
        }
        return FIRST_PIECE + index;
    }
}
