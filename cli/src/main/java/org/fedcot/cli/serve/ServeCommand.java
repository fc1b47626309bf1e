package org.fedcot.cli.serve;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.fedcot.llm.server.OpenAiServer;
import org.fedcot.llm.server.ServedModel;
import org.fedcot.llm.server.ServerOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fedcot serve}: hosts a model behind the OpenAI HTTP API until the process is stopped
 * (Ctrl-C), so the pipeline, or any OpenAI client, can use it as the server-side LLM.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Host a model behind an OpenAI-compatible HTTP API until stopped (Ctrl-C): GET /v1/models, "
                    + "POST /v1/completions and /v1/chat/completions (stream, stop, max_tokens, temperature, top_p, "
                    + "seed, n).",
            "Chat prompts are laid out by the tokenizer's chat template (tokenizer_config.json), or as "
                    + "\"role: content\" lines when it has none.",
            "Concurrent requests are generated together, each choice joining and leaving one batch between "
                    + "steps (continuous batching, see --max-batch)."
        })
public final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "PATH",
            description = "A Hugging Face model directory (config.json + safetensors) or a llama2.c .bin checkpoint.")
    Path modelPath;

    @Option(
            names = "--adapter",
            paramLabel = "DIR",
            description = "A PEFT LoRA adapter directory (adapter_config.json, adapter_model.safetensors) to fold into"
                    + " the model's weights before use, e.g. the OUT of `fedcot train --lora-rank`.")
    Path adapterDir;

    @Option(
            names = "--tokenizer",
            paramLabel = "PATH",
            description =
                    "The tokenizer (default: the model directory's, or tokenizer.bin beside a llama2.c checkpoint); "
                            + "its directory's tokenizer_config.json gives the chat template.")
    Path tokenizerPath;

    @Option(
            names = "--served-model-name",
            paramLabel = "NAME",
            description = "The model id clients send (default: the model's directory name, or its checkpoint file's "
                    + "name without the extension).")
    String servedName;

    @Option(
            names = "--host",
            paramLabel = "ADDR",
            defaultValue = ServerOptions.LOOPBACK,
            description = "The address to listen on. Default: ${DEFAULT-VALUE} (this machine only); 0.0.0.0 exposes "
                    + "the model to the network.")
    String host;

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "8000",
            description = "The port to listen on (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--api-key-env",
            paramLabel = "VAR",
            description = "Require 'Authorization: Bearer KEY' of every request, KEY being this environment variable's "
                    + "value (the key itself never goes on the command line).")
    String apiKeyEnv;

    @Option(
            names = "--audit",
            paramLabel = "FILE",
            description = "Append every authenticated request received (time, remote address, path, body; never the "
                    + "headers) to FILE as JSON lines: the record of what this server saw.")
    Path auditFile;

    @Option(
            names = "--audit-body-limit",
            paramLabel = "BYTES",
            defaultValue = "" + ServerOptions.DEFAULT_AUDIT_BODY_LIMIT,
            description = "Record at most BYTES of each body in the audit log; a longer one is recorded cut, marked "
                    + "truncated with its full size. Default: ${DEFAULT-VALUE}.")
    int auditBodyLimit;

    @Option(
            names = "--request-timeout",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "Seconds a client has to send its whole request (headers and body); a slower one is "
                    + "disconnected. Default: ${DEFAULT-VALUE}.")
    double requestTimeout;

    @Option(
            names = "--max-connections",
            paramLabel = "N",
            defaultValue = "" + ServerOptions.DEFAULT_MAX_CONNECTIONS,
            description = "Connections read or answered at once; more are closed as they arrive. "
                    + "Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(
            names = "--replay-memory",
            paramLabel = "MIB",
            defaultValue = "" + (ServerOptions.DEFAULT_REPLAY_BYTES >> 20),
            description = "MiB of recent responses kept for requests that repeat an Idempotency-Key header (a resumed "
                    + "fedcot run sends one), so they are answered again without generating; 0 keeps none. "
                    + "Default: ${DEFAULT-VALUE}.")
    long replayMib;

    @Option(
            names = "--max-batch",
            paramLabel = "N",
            defaultValue = "" + ServerOptions.DEFAULT_MAX_BATCH,
            description = "Sequences (each choice of each request) generated together in one batch; more wait in "
                    + "line, first come first served. A larger batch gives more tokens/s in all, since every step "
                    + "reads the weights once for the whole batch, but each sequence gets its tokens more slowly "
                    + "and holds a KV cache of its own. Default: ${DEFAULT-VALUE}.")
    int maxBatch;

    @Override
    public Integer call() throws IOException, InterruptedException {
        CommandLine cl = spec.commandLine();
        ServerOptions options;
        try {
            options = new ServerOptions(
                    host,
                    port,
                    apiKey(),
                    auditFile,
                    (int) atLeast("--max-batch", maxBatch, 1),
                    timeout(),
                    (int) atLeast("--max-connections", maxConnections, 1),
                    (int) atLeast("--audit-body-limit", auditBodyLimit, 0),
                    replayBytes());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        ServedModel model = ServedModel.load(modelPath, adapterDir, tokenizerPath, servedName);
        OpenAiServer server = OpenAiServer.start(model, options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "fedcot-serve-shutdown"));
        PrintWriter err = cl.getErr();
        err.printf(
                "serving %s (context %d tokens, %s) at %s%s%s; Ctrl-C stops%n",
                model.id(),
                model.contextLength(),
                model.chatTemplate().isFallback() ? "chats as role: content lines" : "chats by its chat template",
                server.baseUrl(),
                options.apiKey() == null ? "" : ", API key required",
                auditFile == null ? "" : ", audit log " + auditFile);
        err.flush();
        stopped.await();
        return 0;
    }

    /** --request-timeout as a duration; the flag is named, since the options' own message cannot. */
    private Duration timeout() {
        if (!(requestTimeout > 0) || requestTimeout > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "--request-timeout must be a positive number of seconds, got " + requestTimeout);
        }
        return Duration.ofNanos((long) (requestTimeout * 1e9));
    }

    /** --replay-memory in bytes. */
    private long replayBytes() {
        if (replayMib > Long.MAX_VALUE >> 20) {
            throw new IllegalArgumentException("--replay-memory is too large: " + replayMib + " MiB");
        }
        return atLeast("--replay-memory", replayMib, 0) << 20;
    }

    /** {@code value}, checked against {@code min} with a message naming {@code flag}. */
    private static long atLeast(String flag, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(flag + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    /** The key from --api-key-env's variable, which must be set and non-empty; null without the option. */
    private String apiKey() {
        if (apiKeyEnv == null) {
            return null;
        }
        String key = System.getenv(apiKeyEnv);
        if (key == null || key.isEmpty()) {
            throw new IllegalStateException("--api-key-env " + apiKeyEnv + ": that environment variable is not set"
                    + " (or is empty); export the key in it first");
        }
        return key;
    }
}
