package org.fedcot.pipeline;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The methods of the paper's tables, by the names configs and reports use. */
public enum Method {
    /** The server's LLM answering the test questions 1-shot (it sees the test prompts: a reference row only). */
    FEWSHOT_LLM("fewshot-llm", "FewShot-LLM"),
    /** The client's SLM answering 1-shot, untrained. */
    FEWSHOT_SLM("fewshot-slm", "FewShot-SLM"),
    /** The task SLM fine-tuned on labels only: no LLM involved. */
    STANDALONE("standalone", "Standalone"),
    /** Raw private prompts sent to the LLM; its rationales used as they come. */
    NON_PRIVATE("non-private", "Non-Private"),
    /** Exponential-mechanism encoder, in-context decoding with the client's SLM. */
    FEDCOT_E("fedcot-e", "FedCoT-E"),
    /** Trained encoder-decoder SLM. */
    FEDCOT_A("fedcot-a", "FedCoT-A");

    private final String configName;
    private final String tableName;

    Method(String configName, String tableName) {
        this.configName = configName;
        this.tableName = tableName;
    }

    /** The name in configs and on the command line. */
    public String configName() {
        return configName;
    }

    /** The row label in the paper's tables. */
    public String tableName() {
        return tableName;
    }

    /** Whether this method perturbs prompts, so eps applies. */
    public boolean isPrivate() {
        return this == FEDCOT_E || this == FEDCOT_A;
    }

    /** Whether this method sends raw private prompts to the server. */
    public boolean sendsRawPrompts() {
        return this == NON_PRIVATE || this == FEWSHOT_LLM;
    }

    /** The method named {@code name}, or an exception listing the known names. */
    public static Method fromName(String name) {
        for (Method m : values()) {
            if (m.configName.equalsIgnoreCase(name) || m.tableName.equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "' (known: "
                + Arrays.stream(values()).map(Method::configName).collect(Collectors.joining(", ")) + ")");
    }
}
