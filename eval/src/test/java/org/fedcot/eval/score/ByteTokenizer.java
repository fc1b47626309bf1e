package org.fedcot.eval.score;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.fedcot.models.tokenizer.Tokenizer;

/** A tokenizer whose tokens are UTF-8 bytes (ids 0-255), with BOS 256 and EOS 257: every text's ids are known. */
final class ByteTokenizer implements Tokenizer {
    static final int BOS = 256;
    static final int EOS = 257;

    @Override
    public int[] encode(String text, boolean addSpecial) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int start = addSpecial ? 1 : 0;
        int[] ids = new int[bytes.length + start];
        if (addSpecial) {
            ids[0] = BOS;
        }
        for (int i = 0; i < bytes.length; i++) {
            ids[start + i] = bytes[i] & 0xFF;
        }
        return ids;
    }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : ids) {
            if (id < 256) {
                bytes.write(id);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public int vocabSize() {
        return 258;
    }

    @Override
    public String token(int id) {
        return id == BOS ? "<s>" : id == EOS ? "</s>" : Character.toString(id);
    }

    @Override
    public OptionalInt bosId() {
        return OptionalInt.of(BOS);
    }

    @Override
    public OptionalInt eosId() {
        return OptionalInt.of(EOS);
    }
}
