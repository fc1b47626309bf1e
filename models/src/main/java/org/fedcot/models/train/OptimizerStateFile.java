package org.fedcot.models.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fedcot.models.checkpoint.CheckpointException;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.SafetensorsEntry;
import org.fedcot.tensor.io.SafetensorsFile;
import org.fedcot.tensor.io.SafetensorsWriter;
import org.fedcot.tensor.optim.AdamW;

/**
 * AdamW's state as a safetensors file: {@code exp_avg.<parameter>} and {@code exp_avg_sq.<parameter>}
 * (torch's names for the first and second moments) in float32, shaped like the parameter, and the
 * step counts in the metadata. Exactly what {@link AdamW#loadState} needs to continue bit for bit.
 */
final class OptimizerStateFile {
    /** The file name inside a checkpoint directory. */
    static final String FILE_NAME = "optimizer.safetensors";

    private static final String STEP = "step";
    private static final String PARAM_STEPS = "param_steps";

    private OptimizerStateFile() {}

    /** Writes {@code optimizer}'s state to {@code file}. */
    static void write(Path file, AdamW optimizer) throws IOException {
        AdamW.State state = optimizer.state();
        List<Tensor> params = optimizer.params();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            AdamW.ParamState s = state.params().get(i);
            tensors.put("exp_avg." + p.name(), Tensor.view(s.m(), 0, p.shape()));
            tensors.put("exp_avg_sq." + p.name(), Tensor.view(s.v(), 0, p.shape()));
            steps.append(i == 0 ? "" : ",").append(s.step());
        }
        // in a fixed order: a Map.of's changes between JVM starts, and with it the file's bytes
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(STEP, Long.toString(state.step()));
        metadata.put(PARAM_STEPS, steps.toString());
        SafetensorsWriter.write(file, tensors, metadata);
    }

    /**
     * Restores {@code optimizer} from {@code file}.
     *
     * @throws CheckpointException naming the file when a moment is missing or shaped unlike its
     *                             parameter, or the step counts are unreadable
     */
    static void read(Path file, AdamW optimizer) throws IOException {
        List<Tensor> params = optimizer.params();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            long step = parseLong(file, f.metadata().get(STEP));
            String[] paramSteps = f.metadata().getOrDefault(PARAM_STEPS, "").split(",", -1);
            if (paramSteps.length != params.size()) {
                throw new CheckpointException(file + ": has step counts for " + paramSteps.length
                        + " parameters but the optimiser has " + params.size());
            }
            List<AdamW.ParamState> states = new ArrayList<>(params.size());
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                states.add(new AdamW.ParamState(
                        parseLong(file, paramSteps[i]),
                        moment(f, "exp_avg." + p.name(), p),
                        moment(f, "exp_avg_sq." + p.name(), p)));
            }
            optimizer.loadState(new AdamW.State(step, states));
        }
    }

    private static float[] moment(SafetensorsFile f, String name, Tensor param) throws IOException {
        if (!f.contains(name)) {
            throw new CheckpointException(f.path() + ": no tensor " + name);
        }
        SafetensorsEntry e = f.entry(name);
        if (!Arrays.equals(e.shape(), param.shape())) {
            throw new CheckpointException(f.path() + ": " + name + " has shape " + Shapes.str(e.shape())
                    + " but the parameter has " + Shapes.str(param.shape()));
        }
        float[] values = new float[param.size()];
        f.readInto(name, values, 0);
        return values;
    }

    private static long parseLong(Path file, String text) throws CheckpointException {
        try {
            return Long.parseLong(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new CheckpointException(file + ": step count '" + text + "' is not a number", e);
        }
    }
}
