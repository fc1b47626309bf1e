package org.fedcot.models.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.TransformerConfig;
import org.fedcot.tensor.HalfWeight;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.SafetensorsEntry;
import org.fedcot.tensor.io.SafetensorsFile;

/**
 * Loads Hugging Face checkpoint directories: config.json plus model.safetensors, or shards listed by
 * model.safetensors.index.json; F32, F16 and BF16 tensors, decoded straight into the parameters'
 * storage (the files are memory-mapped, so nothing is held twice). Written by
 * {@link HfCheckpointWriter}.
 */
public final class HfCheckpoint {
    private static final System.Logger LOG = System.getLogger(HfCheckpoint.class.getName());
    /**
     * Buffers Hugging Face models save but that are not parameters: rotary inverse frequencies and
     * GPT-NeoX's causal-mask buffers.
     */
    private static final Pattern BUFFERS =
            Pattern.compile(".*(rotary_emb\\.inv_freq|\\.attention\\.bias" + "|\\.attention\\.masked_bias)");
    /** Names an output layer may carry in a checkpoint of a model whose output layer is tied to its embedding. */
    private static final List<String> TIED_OUTPUTS = List.of("lm_head.weight", "embed_out.weight");

    private HfCheckpoint() {}

    /**
     * Reads {@code dir}'s config.json and weights into a new model. Tensors the model does not use are
     * logged as a warning (as Hugging Face does); {@link #loadWeights} returns them instead.
     */
    public static DecoderModel load(Path dir) throws IOException {
        TransformerConfig config = HfConfig.read(dir.resolve(HfConfig.FILE_NAME));
        return loadInto(DecoderModel.create(config), dir);
    }

    /**
     * Reads {@code dir} as {@link #load} does, except that the linear weights its files store in BF16 or
     * F16 stay so, frozen ({@link DecoderModel#halfWeights()}): two bytes per value in memory, widened
     * inside the products. For a base that trains only through LoRA adapters; the rest (embeddings,
     * norms, biases, the output layer, and weights stored F32) is loaded as float32 parameters.
     */
    public static DecoderModel loadFrozen(Path dir) throws IOException {
        TransformerConfig config = HfConfig.read(dir.resolve(HfConfig.FILE_NAME));
        Map<String, HalfWeight.Format> stored = new HashMap<>();
        try (WeightFiles files = WeightFiles.open(dir)) {
            for (String name : files.names()) {
                files.fileFor(name).entry(name).dtype().halfFormat().ifPresent(f -> stored.put(name, f));
            }
        }
        return loadInto(DecoderModel.create(config, name -> Optional.ofNullable(stored.get(name))), dir);
    }

    private static DecoderModel loadInto(DecoderModel model, Path dir) throws IOException {
        List<String> unused = loadWeights(model, dir);
        if (!unused.isEmpty()) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    dir + ": " + unused.size() + " tensor(s) not used by the model: " + abbreviate(unused));
        }
        return model;
    }

    /**
     * Overwrites every parameter of {@code model} with the tensor of the same name in {@code dir}.
     * Everything is checked before anything is read: every parameter must be present with the same
     * shape and a float dtype.
     *
     * @return the checkpoint's tensors the model has no parameter for, known buffers (rotary inv_freq,
     * attention masks) and a tied model's saved output layer left out
     * @throws CheckpointException naming the file and tensor when one is missing or has another shape
     */
    public static List<String> loadWeights(DecoderModel model, Path dir) throws IOException {
        Map<String, Tensor> params = model.namedParameters();
        Map<String, HalfWeight> halves = model.halfWeights();
        try (WeightFiles files = WeightFiles.open(dir)) {
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                SafetensorsFile f = files.fileFor(e.getKey());
                if (f == null) {
                    missing.add(e.getKey());
                } else {
                    requireCompatible(f, f.entry(e.getKey()), e.getValue().shape());
                }
            }
            for (HalfWeight w : halves.values()) {
                SafetensorsFile f = files.fileFor(w.name());
                if (f == null) {
                    missing.add(w.name());
                } else {
                    requireCompatible(f, f.entry(w.name()), w.shape());
                    requireHalf(f, f.entry(w.name()), w);
                }
            }
            if (!missing.isEmpty()) {
                throw new CheckpointException(files.source() + ": missing " + missing.size() + " tensor(s) the "
                        + model.config().modelType().hfName() + " model needs: " + abbreviate(missing));
            }
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                files.fileFor(e.getKey()).readInto(e.getKey(), e.getValue());
            }
            for (HalfWeight w : halves.values()) {
                files.fileFor(w.name()).readInto(w.name(), w);
            }
            List<String> unused = new ArrayList<>();
            for (String name : files.names()) {
                boolean tiedOutput = model.config().tieWordEmbeddings() && TIED_OUTPUTS.contains(name);
                if (!params.containsKey(name)
                        && !halves.containsKey(name)
                        && !tiedOutput
                        && !BUFFERS.matcher(name).matches()) {
                    unused.add(name);
                }
            }
            return unused;
        }
    }

    private static void requireCompatible(SafetensorsFile f, SafetensorsEntry entry, int[] shape)
            throws CheckpointException {
        if (!Arrays.equals(entry.shape(), shape)) {
            throw new CheckpointException(f.path() + ": tensor " + entry.name() + " has shape "
                    + Shapes.str(entry.shape()) + " but the model expects " + Shapes.str(shape));
        }
        if (!entry.dtype().readableAsFloat()) {
            throw new CheckpointException(f.path() + ": tensor " + entry.name() + " has dtype " + entry.dtype()
                    + "; only F32, F16 and BF16 weights can be loaded");
        }
    }

    /** A frozen 16-bit weight is copied as stored, so the file must store it in its format. */
    private static void requireHalf(SafetensorsFile f, SafetensorsEntry entry, HalfWeight w)
            throws CheckpointException {
        if (entry.dtype().halfFormat().orElse(null) != w.format()) {
            throw new CheckpointException(f.path() + ": tensor " + entry.name() + " has dtype " + entry.dtype()
                    + " but the model holds it frozen in " + w.format());
        }
    }

    /** The first few names, and how many more. */
    private static String abbreviate(List<String> names) {
        int shown = Math.min(names.size(), 5);
        String head = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? head + ", ... (" + (names.size() - shown) + " more)" : head;
    }
}
