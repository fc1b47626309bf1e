package org.fedcot.models.transformer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.OptionalInt;
import org.fedcot.models.checkpoint.CheckpointException;
import org.fedcot.models.checkpoint.ConfigFields;

/** Qwen2: Llama with biases on the query, key and value projections only; no sliding window here. */
final class Qwen2Architecture extends LlamaArchitecture {
    @Override
    public void defaults(TransformerConfigBuilder b) {
        b.normEps(1e-6)
                .rotaryPct(1)
                .attentionBias(true)
                .hiddenAct(HiddenAct.SILU)
                .maxPositionEmbeddings(32768)
                .bosTokenId(OptionalInt.empty())
                .eosTokenIds(List.of());
    }

    @Override
    public void read(ConfigFields f, TransformerConfigBuilder b) throws CheckpointException {
        readShared(f, b);
        if (f.optionalBoolean("use_sliding_window").orElse(false)) {
            throw new CheckpointException(f.source() + ": use_sliding_window true is not supported");
        }
    }

    @Override
    public void write(TransformerConfig c, ObjectNode o) {
        writeShared(c, o);
    }

    @Override
    public void check(TransformerConfig c) {
        Architecture.requireHeadsTileHidden(c);
        checkSwiGlu(c);
    }

    /** Qwen2's q/k/v projections always have biases, whatever attention_bias says. */
    @Override
    public boolean qkvBias(TransformerConfig c) {
        return true;
    }

    @Override
    public boolean outputBias(TransformerConfig c) {
        return false;
    }

    @Override
    public boolean mlpBias(TransformerConfig c) {
        return false;
    }
}
