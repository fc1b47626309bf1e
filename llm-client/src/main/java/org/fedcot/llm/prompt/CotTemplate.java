package org.fedcot.llm.prompt;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The chain-of-thought few-shot prompts for the paper's four datasets, in the PaLM layout: each exemplar is
 * "Q: ...", "Answer Choices:" with lettered options, and "A: rationale. So the answer is (x) text." ("So the
 * answer is yes." for BoolQ, which shows a passage first), which {@link AnswerParser} reads back. The question
 * asked comes last, ending in "A:". Templates are resources under {@code org/fedcot/llm/prompt/}; their
 * variables are {@code question}, {@code choices} (a list) and an optional {@code passage}.
 */
public enum CotTemplate {
    CQA("cqa"),
    OBQA("obqa"),
    ARC_EASY("arc-easy"),
    BOOLQ("boolq");

    private final String datasetName;

    CotTemplate(String datasetName) {
        this.datasetName = datasetName;
    }

    /** The dataset's name on the command line ("arc-easy"), which also names the template resource. */
    public String datasetName() {
        return datasetName;
    }

    /** The classpath resource of the template. */
    public String resource() {
        return "org/fedcot/llm/prompt/" + datasetName + "-cot.jinja";
    }

    /** The template, loaded from its resource. */
    public PromptTemplate template() {
        return PromptTemplate.fromResource(resource());
    }

    /**
     * The prompt asking {@code question} with {@code choices} lettered (a), (b), ... and {@code passage}
     * before it when not {@code null}.
     */
    public String render(String question, List<String> choices, String passage) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("question", question);
        variables.put("choices", List.copyOf(choices));
        if (passage != null) {
            variables.put("passage", passage);
        }
        return template().render(variables);
    }

    /** The template for dataset {@code name} ("cqa", "obqa", "arc-easy", "boolq"; case-insensitive). */
    public static CotTemplate forDataset(String name) {
        for (CotTemplate t : values()) {
            if (t.datasetName.equalsIgnoreCase(name) || t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no chain-of-thought template for dataset '" + name + "' (known: "
                + Arrays.stream(values()).map(CotTemplate::datasetName).collect(Collectors.joining(", ")) + ")");
    }
}
