package org.fedcot.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The record formats {@link DatasetReader} reads, by the names a user forces one with. */
public enum DataFormat {
    /** Hugging Face commonsense_qa, openbookqa, ai2_arc: choices {text[], label[]}, answerKey. */
    HF_CHOICES("hf-choices", false, new HfChoicesParser()),
    /** Distilling step-by-step (and TinyLLM) JSON lines: id, question, choices[], answer text. */
    STEP_BY_STEP("step-by-step", false, new StepByStepParser()),
    /** BoolQ (original release or Hugging Face): question, answer boolean, passage when present. */
    BOOLQ("boolq", true, new BoolqParser()),
    /** BoolQ as knowledge-editing requests: subject, target_new.str "True"/"False". */
    EDIT_REQUEST("edit-request", true, new EditRequestParser()),
    /** BoolQ in LLM-Adapters instruction format: instruction holding "question: ...", answer "true"/"false". */
    LLM_ADAPTERS("llm-adapters", true, new LlmAdaptersParser());

    private final String cliName;
    private final boolean yesNo;
    private final RecordParser parser;

    DataFormat(String cliName, boolean yesNo, RecordParser parser) {
        this.cliName = cliName;
        this.yesNo = yesNo;
        this.parser = parser;
    }

    /** The name used on the command line. */
    public String cliName() {
        return cliName;
    }

    /** Whether records of this format can be questions of {@code dataset} (yes/no formats hold BoolQ only). */
    public boolean holds(Dataset dataset) {
        return yesNo == (dataset == Dataset.BOOLQ);
    }

    /** The question one record of this format holds. */
    QaExample parse(JsonRecord record) throws MalformedDataException {
        return parser.parse(record);
    }

    /** The format whose fields {@code first}, a file's first record, has. */
    public static DataFormat detect(JsonRecord first) throws MalformedDataException {
        JsonNode n = first.node();
        if (n.path("choices").isObject() && n.has("answerKey")) {
            return HF_CHOICES;
        }
        if (n.path("choices").isArray() && n.has("answer")) {
            return STEP_BY_STEP;
        }
        if (n.has("subject") && n.has("target_new")) {
            return EDIT_REQUEST;
        }
        if (n.has("instruction") && n.has("answer")) {
            return LLM_ADAPTERS;
        }
        if (n.has("question") && n.path("answer").isBoolean()) {
            return BOOLQ;
        }
        if (!n.isObject()) {
            throw first.malformed(null, "must be a JSON object, found " + JsonRecord.typeName(n));
        }
        throw first.malformed(
                null,
                "no known format has the fields [" + String.join(", ", (Iterable<String>) n::fieldNames)
                        + "]; name the format (known: " + knownNames() + ")");
    }

    /** The format named {@code name} (its command-line name or constant, case-insensitive). */
    public static DataFormat fromName(String name) {
        for (DataFormat f : values()) {
            if (f.cliName.equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown data format '" + name + "' (known: " + knownNames() + ")");
    }

    private static String knownNames() {
        return Arrays.stream(values()).map(DataFormat::cliName).collect(Collectors.joining(", "));
    }
}
