package org.fedcot.models.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.fedcot.models.checkpoint.CheckpointException;

/**
 * Where a training run stands, saved as {@code trainer_state.json} in each checkpoint. The data
 * position needs no random-generator state: the order is a function of the seed (see
 * {@link DataOrder}), so the step fixes it, and the schedule's position is the step too.
 *
 * @param step             optimiser steps done
 * @param examplesSeen     training examples (or {@link ExampleGroup}s) consumed, {@code step * batch size}
 * @param trainExamples    size of the training set, in examples (or groups)
 * @param trainFingerprint {@link DataFingerprint} of the training set
 * @param loss             the last step's loss; NaN before the first step
 * @param trajectory       {@link TrainerConfig#trajectory()} of the run
 */
record TrainerState(
        int step,
        long examplesSeen,
        int trainExamples,
        String trainFingerprint,
        double loss,
        Map<String, String> trajectory) {
    /** The file name inside a checkpoint directory. */
    static final String FILE_NAME = "trainer_state.json";

    private static final String FORMAT = "fedcot-trainer-state-1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    TrainerState {
        trajectory = Map.copyOf(trajectory);
    }

    /** Writes the state as JSON to {@code file}, synced. */
    void write(Path file) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("step", step);
        root.put("examples_seen", examplesSeen);
        root.put("train_examples", trainExamples);
        root.put("train_fingerprint", trainFingerprint);
        if (Double.isFinite(loss)) {
            root.put("loss", loss);
        } else {
            root.putNull("loss"); // JSON has no NaN: a checkpoint taken before any step has no loss
        }
        ObjectNode t = root.putObject("trajectory");
        new TreeMap<>(trajectory).forEach(t::put);
        AtomicDirectory.writeSynced(
                file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    /**
     * Reads a state written by {@link #write}.
     *
     * @throws CheckpointException naming the file when it is missing, not JSON, of another format, or lacks a field
     */
    static TrainerState read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file + ": no such file");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new CheckpointException(file + ": not a trainer state of format " + FORMAT);
        }
        Map<String, String> trajectory = new LinkedHashMap<>();
        root.path("trajectory")
                .properties()
                .forEach(e -> trajectory.put(e.getKey(), e.getValue().asText()));
        return new TrainerState(
                field(root, file, "step").asInt(),
                field(root, file, "examples_seen").asLong(),
                field(root, file, "train_examples").asInt(),
                field(root, file, "train_fingerprint").asText(),
                root.path("loss").isNumber() ? root.path("loss").asDouble() : Double.NaN,
                trajectory);
    }

    private static JsonNode field(JsonNode root, Path file, String name) throws CheckpointException {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            throw new CheckpointException(file + ": field '" + name + "' is missing");
        }
        return n;
    }
}
