package org.fedcot.cli.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.fedcot.cli.KnownFields;
import org.fedcot.cli.ProgressBars;
import org.fedcot.cli.TerminalText;
import org.fedcot.cli.eval.DuplicateChoices;
import org.fedcot.eval.data.Dataset;
import org.fedcot.eval.data.DatasetReader;
import org.fedcot.eval.data.QaExample;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.eval.score.AnswerMatcher;
import org.fedcot.llm.client.BatchResult;
import org.fedcot.llm.client.ChatMessage;
import org.fedcot.llm.client.ChatRequest;
import org.fedcot.llm.client.CompletionRequest;
import org.fedcot.llm.client.LlmClient;
import org.fedcot.llm.client.LlmRequest;
import org.fedcot.llm.client.LlmResponse;
import org.fedcot.llm.client.Sampling;
import org.fedcot.llm.client.Usage;
import org.fedcot.llm.prompt.CotTemplate;
import org.fedcot.models.checkpoint.AtomicFiles;
import org.fedcot.models.io.TextFiles;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fedcot ask}: one prompt, a batch of prompts, or a dataset's questions under its chain-of-thought
 * template, sent to an OpenAI-compatible server through the project's client (retries, cache, limits).
 */
@Command(
        name = "ask",
        mixinStandardHelpOptions = true,
        description = {
            "Ask an OpenAI-compatible server: one PROMPT (printed, streamed with --stream), a --batch of "
                    + "prompts, or a --dataset's questions under its chain-of-thought template (rationales parsed and "
                    + "scored: the FewShot-LLM baseline).",
            "With --cache, answers already received are not asked again: rerun an interrupted batch to resume it."
        })
public final class AskCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fields of a --batch line. */
    private static final Set<String> BATCH_FIELDS = Set.of("id", "prompt", "messages");
    /** The fields of one of its messages. */
    private static final Set<String> MESSAGE_FIELDS = Set.of("role", "content");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    LlmOptions llm;

    @ArgGroup(multiplicity = "1")
    Input input;

    /** Exactly one kind of input. */
    static final class Input {
        @Parameters(paramLabel = "PROMPT", description = "The prompt to send.")
        String prompt;

        @Option(
                names = "--batch",
                paramLabel = "FILE",
                description = "JSON lines, each {\"prompt\": ...} or {\"messages\": [...]} with an optional \"id\".")
        Path batch;

        @Option(
                names = "--dataset",
                paramLabel = "NAME",
                description = "cqa, obqa, arc-easy or boolq: ask --data's questions with the dataset's CoT template.")
        String dataset;
    }

    @Option(names = "--data", paramLabel = "FILE", description = "The --dataset file.")
    Path data;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N questions of --data.")
    Integer limit;

    @Option(names = "--out", paramLabel = "FILE", description = "Answers of a batch or dataset, as JSON lines.")
    Path out;

    @Option(
            names = "--chat",
            description = "Use /chat/completions (PROMPT as the user message) instead of /completions.")
    boolean chat;

    @Option(names = "--system", paramLabel = "TEXT", description = "A system message before PROMPT (implies --chat).")
    String system;

    @Option(names = "--stream", description = "Print PROMPT's answer as it arrives (server-sent events).")
    boolean stream;

    @Option(
            names = "--temperature",
            paramLabel = "T",
            defaultValue = "0",
            description = "Sampling temperature (0: greedy). Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(
            names = "--max-tokens",
            paramLabel = "N",
            defaultValue = "256",
            description = "Longest answer in tokens. Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Option(names = "--stop", paramLabel = "TEXT", description = "Stop string (repeatable).")
    List<String> stop = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Sampling seed.")
    Long seed;

    @Option(names = "--top-p", paramLabel = "P", description = "Nucleus sampling mass.")
    Double topP;

    @Override
    public Integer call() throws IOException {
        if (input.dataset != null && data == null) {
            throw new IllegalArgumentException("--dataset " + input.dataset + " needs --data FILE");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        try (LlmClient client = LlmClient.open(llm.config())) {
            if (input.prompt != null) {
                askOne(client, stdout);
            } else if (input.batch != null) {
                List<String> ids = new ArrayList<>();
                List<LlmRequest> requests = readBatch(input.batch, ids);
                BatchResult result = askAll(client, requests, "ask");
                writeAnswers(ids, result.responses(), null, null);
                stdout.println(summary(result));
            } else {
                askDataset(client, stdout);
            }
        }
        stdout.flush();
        return 0;
    }

    private Sampling sampling() {
        Sampling s = Sampling.DEFAULT
                .withTemperature(temperature)
                .withMaxTokens(maxTokens)
                .withStop(stop.toArray(String[]::new));
        if (seed != null) {
            s = s.withSeed(seed);
        }
        return topP == null ? s : s.withTopP(topP);
    }

    private LlmRequest request(String prompt) {
        if (!chat && system == null) {
            return new CompletionRequest(prompt, sampling());
        }
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null) {
            messages.add(ChatMessage.system(system));
        }
        messages.add(ChatMessage.user(prompt));
        return new ChatRequest(messages, sampling());
    }

    /** Asks PROMPT; the answer is printed with its control characters escaped (--out keeps answers as sent). */
    private void askOne(LlmClient client, PrintWriter stdout) {
        LlmResponse r;
        if (stream) {
            r = client.stream(request(input.prompt), (index, delta) -> {
                stdout.print(TerminalText.keepingLines(delta));
                stdout.flush();
            });
            stdout.println();
        } else {
            r = client.complete(request(input.prompt));
            stdout.println(TerminalText.keepingLines(r.text()));
        }
        spec.commandLine().getErr().println(usageLine(r.usage(), r.cached()));
    }

    private BatchResult askAll(LlmClient client, List<LlmRequest> requests, String task) {
        try (ProgressBar bar =
                ProgressBars.of(task, requests.size(), " requests").build()) {
            return client.completeAll(requests, p -> {
                bar.stepTo(p.done());
                bar.setExtraMessage(p.cached() + " cached");
            });
        }
    }

    private void askDataset(LlmClient client, PrintWriter stdout) throws IOException {
        Dataset dataset = Dataset.fromName(input.dataset);
        if (!Files.isRegularFile(data)) {
            throw new IllegalArgumentException("--data " + data + ": no such file");
        }
        List<QaExample> questions = DatasetReader.read(data, dataset);
        DuplicateChoices.notice(data, questions).ifPresent(spec.commandLine().getErr()::println);
        if (limit != null) {
            questions = questions.subList(0, Math.min(limit, questions.size()));
        }
        CotTemplate template = CotTemplate.forDataset(dataset.cliName());
        List<LlmRequest> requests = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (QaExample q : questions) {
            requests.add(request(template.render(q.question(), q.choices(), q.passage())));
            ids.add(q.id());
        }
        BatchResult result = askAll(client, requests, "ask " + dataset.cliName());
        int[] predicted = new int[questions.size()];
        int correct = 0;
        for (int i = 0; i < questions.size(); i++) {
            predicted[i] = AnswerMatcher.match(
                    result.responses().get(i).text(), questions.get(i).choices());
            if (predicted[i] == questions.get(i).answerIndex()) {
                correct++;
            }
        }
        writeAnswers(ids, result.responses(), questions, predicted);
        stdout.println(summary(result));
        stdout.println("accuracy " + dataset.cliName() + " cot: " + new Accuracy(correct, questions.size()).summary());
    }

    /**
     * The requests of a JSON-lines batch file; ids default to the line number and must differ. Fields the
     * format does not have are refused, since a misspelt one ("promt") would otherwise be silently ignored.
     */
    private List<LlmRequest> readBatch(Path file, List<String> ids) throws IOException {
        List<LlmRequest> requests = new ArrayList<>();
        Map<String, Integer> lineOfId = new HashMap<>();
        List<String> lines = TextFiles.lines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = file.getFileName() + ":" + (i + 1);
            JsonNode line;
            try {
                line = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                throw new IllegalArgumentException(where + ": not JSON ("
                        + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            if (!line.isObject()) {
                throw new IllegalArgumentException(where + ": expected a JSON object with 'prompt' or 'messages'");
            }
            String id = line.path("id").asText(String.valueOf(i + 1));
            Integer earlier = lineOfId.putIfAbsent(id, i + 1);
            if (earlier != null) {
                throw new IllegalArgumentException(
                        where + ": id '" + TerminalText.oneLine(id) + "' is already the id of line " + earlier
                                + "; ids must differ, so that each answer in --out can be told apart");
            }
            ids.add(id);
            requests.add(batchRequest(line, where));
            // after the request: a line without a prompt says that first, whatever else it holds
            KnownFields.require(line, BATCH_FIELDS, where);
        }
        if (requests.isEmpty()) {
            throw new IllegalArgumentException(file + ": holds no prompts");
        }
        return requests;
    }

    private LlmRequest batchRequest(JsonNode line, String where) {
        if (line.has("prompt") && line.has("messages")) {
            throw new IllegalArgumentException(where + ": give 'prompt' or 'messages', not both");
        }
        if (line.path("prompt").isTextual()) {
            return request(line.path("prompt").asText());
        }
        if (!line.path("messages").isArray()) {
            throw new IllegalArgumentException(where + ": field 'prompt' (a string) or 'messages' (a list) is missing");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode m : line.path("messages")) {
            if (!m.path("role").isTextual() || !m.path("content").isTextual()) {
                throw new IllegalArgumentException(where + ": field 'messages' needs role and content strings");
            }
            KnownFields.require(m, MESSAGE_FIELDS, where + ": a message");
            messages.add(
                    new ChatMessage(m.path("role").asText(), m.path("content").asText()));
        }
        return new ChatRequest(messages, sampling());
    }

    /**
     * The answers in --out, atomically; with each question's gold and {@code predicted} choice (-1: none)
     * when {@code questions} is given.
     */
    private void writeAnswers(List<String> ids, List<LlmResponse> answers, List<QaExample> questions, int[] predicted)
            throws IOException {
        if (out == null) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < answers.size(); i++) {
            ObjectNode line = JSON.createObjectNode()
                    .put("id", ids.get(i))
                    .put("text", answers.get(i).text())
                    .put("finish_reason", answers.get(i).choices().getFirst().finishReason());
            if (questions != null) {
                QaExample q = questions.get(i);
                int p = predicted[i];
                line.put("gold", q.answerText())
                        .put("predicted", p < 0 ? null : q.choices().get(p))
                        .put("correct", p == q.answerIndex());
            }
            text.append(JSON.writeValueAsString(line)).append('\n');
        }
        AtomicFiles.writeString(out, text.toString());
    }

    private static String summary(BatchResult result) {
        return String.format(
                Locale.ROOT,
                "%d answers (%d from the cache); %s",
                result.responses().size(),
                result.cached(),
                usageLine(result.usage(), false));
    }

    private static String usageLine(Usage usage, boolean cached) {
        return cached
                ? "answer from the cache (no tokens paid)"
                : String.format(
                        Locale.ROOT,
                        "tokens: %d prompt + %d completion = %d",
                        usage.promptTokens(),
                        usage.completionTokens(),
                        usage.totalTokens());
    }
}
