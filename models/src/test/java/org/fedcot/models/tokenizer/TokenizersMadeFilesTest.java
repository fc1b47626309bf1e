package org.fedcot.models.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.models.tokenizer.hf.HfTokenizer;
import org.fedcot.models.tokenizer.llama2c.Llama2cTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Tokenizers#load} on each kind of path, with tokenizer files the tests make (see
 * {@link MadeTokenizerFiles}): files told apart by content, directories searched, partners required,
 * unsupported formats named. Every format of the trained BPE must be the tokenizer trained in memory.
 */
class TokenizersMadeFilesTest {
    private static final String TEXT = "Hello, world! naïve café 😀";

    @TempDir
    Path tmp;

    /** The trained BPE as it is in memory: what each saved form must encode and decode alike. */
    private static void assertTrainedBpe(Tokenizer t) {
        assertInstanceOf(HfTokenizer.class, t);
        Tokenizer trained = MadeTokenizerFiles.trainedBpe().tokenizer();
        assertEquals(MadeTokenizerFiles.BPE_VOCAB, t.vocabSize());
        for (String text : List.of(TEXT, "bana lomi, ROTA!\n", MadeTokenizerFiles.END_OF_TEXT + " na")) {
            assertArrayEquals(trained.encode(text, false), t.encode(text, false), text);
            assertEquals(text, t.decode(t.encode(text, false)));
        }
        assertArrayEquals(new int[] {0}, t.encode(MadeTokenizerFiles.END_OF_TEXT, false));
    }

    private static void assertMadeLlama2c(Tokenizer t) {
        assertInstanceOf(Llama2cTokenizer.class, t);
        assertEquals(MadeTokenizerFiles.FIRST_PIECE + MadeTokenizerFiles.LLAMA2C_PIECES.size(), t.vocabSize());
        assertArrayEquals(new int[] {1, MadeTokenizerFiles.llama2cId(" Once")}, t.encode("Once", true));
    }

    private void assertFails(Path path, String expected) {
        TokenizerException e = assertThrows(TokenizerException.class, () -> Tokenizers.load(path));
        assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void directoryWithTokenizerJson() throws IOException {
        Path file = MadeTokenizerFiles.tokenizerJson(tmp, "tokenizer.json");
        MadeTokenizerFiles.gpt2Files(tmp); // tokenizer.json comes first
        Tokenizer t = Tokenizers.load(tmp);
        assertTrainedBpe(t);
        Tokenizer direct = HfTokenizer.load(file);
        assertArrayEquals(direct.encode(TEXT, true), t.encode(TEXT, true));
    }

    @Test
    void directoryWithOneNamedTokenizerJson() throws IOException {
        MadeTokenizerFiles.tokenizerJson(tmp, "made_tokenizer.json");
        MadeTokenizerFiles.tokenizerBin(tmp.resolve("tokenizer.bin")); // a *tokenizer.json comes first
        assertTrainedBpe(Tokenizers.load(tmp));
    }

    @Test
    void twoNamedTokenizerJsonsAreNotChosenBetween() throws IOException {
        MadeTokenizerFiles.tokenizerJson(tmp, "a_tokenizer.json");
        MadeTokenizerFiles.tokenizerJson(tmp, "b_tokenizer.json");
        MadeTokenizerFiles.tokenizerBin(tmp.resolve("tokenizer.bin"));
        assertMadeLlama2c(Tokenizers.load(tmp));
    }

    @Test
    void directoryWithGpt2Files() throws IOException {
        MadeTokenizerFiles.gpt2Files(tmp);
        MadeTokenizerFiles.tokenizerBin(tmp.resolve("tokenizer.bin")); // encoder.json + vocab.bpe come first
        assertTrainedBpe(Tokenizers.load(tmp));
    }

    @Test
    void directoryWithTokenizerBin() throws IOException {
        MadeTokenizerFiles.tokenizerBin(tmp.resolve("tokenizer.bin"));
        assertMadeLlama2c(Tokenizers.load(tmp));
    }

    @Test
    void filesAreToldApartByContentNotName() throws IOException {
        Path json = MadeTokenizerFiles.tokenizerJson(tmp, "vocab.dat");
        assertTrainedBpe(Tokenizers.load(json));
        Path gpt2 = Files.createDirectory(tmp.resolve("gpt2"));
        MadeTokenizerFiles.gpt2Files(gpt2);
        assertTrainedBpe(Tokenizers.load(gpt2.resolve("encoder.json")));
        assertTrainedBpe(Tokenizers.load(gpt2.resolve("vocab.bpe")));
        assertMadeLlama2c(Tokenizers.load(MadeTokenizerFiles.tokenizerBin(tmp.resolve("model.json"))));
    }

    @Test
    void gpt2FilesNeedTheirPartner() throws IOException {
        Path pair = Files.createDirectory(tmp.resolve("pair"));
        MadeTokenizerFiles.gpt2Files(pair);
        Path encoder = Files.move(pair.resolve("encoder.json"), tmp.resolve("vocab.json"));
        assertFails(encoder, "no vocab.bpe beside it");
        Path alone = Files.createDirectory(tmp.resolve("alone"));
        Path merges = Files.move(pair.resolve("vocab.bpe"), alone.resolve("merges.txt"));
        assertFails(merges, "no encoder.json beside it");
    }

    @Test
    void unsupportedFilesAreNamed() throws IOException {
        // llm.c's tokenizer file: a 256-int header starting with its magic number, then the tokens.
        ByteBuffer llmC = ByteBuffer.allocate(256 * Integer.BYTES + 2).order(ByteOrder.LITTLE_ENDIAN);
        llmC.putInt(20240328)
                .putInt(2)
                .putInt(1)
                .position(256 * Integer.BYTES)
                .put((byte) 1)
                .put((byte) 'a');
        assertFails(Files.write(tmp.resolve("gpt2_tokenizer.bin"), llmC.array()), "llm.c tokenizer file");
        // A SentencePiece tokenizer.model: a protobuf message, whose first piece is <unk>.
        byte[] sentencePiece = {0x0A, 0x0C, 0x0A, 0x05, '<', 'u', 'n', 'k', '>', 0x15, 0, 0, 0, 0, 0x18, 0x02};
        assertFails(Files.write(tmp.resolve("tokenizer.model"), sentencePiece), "not a llama2.c tokenizer.bin");
    }

    @Test
    void everyFormatRoundTripsMadeTexts() throws IOException {
        MadeTokenizerFiles.gpt2Files(tmp);
        List<Tokenizer> tokenizers = List.of(
                Tokenizers.load(MadeTokenizerFiles.tokenizerJson(tmp, "tokenizer.json")),
                Tokenizers.load(tmp.resolve("encoder.json")),
                Tokenizers.load(MadeTokenizerFiles.tokenizerBin(tmp.resolve("tokenizer.bin"))));
        // Texts of another seed than the training texts: unseen words too.
        for (String text : MadeTexts.of(500, 2)) {
            for (Tokenizer t : tokenizers) {
                assertEquals(text, t.decode(t.encode(text, false)), t.getClass().getSimpleName());
            }
        }
    }
}
