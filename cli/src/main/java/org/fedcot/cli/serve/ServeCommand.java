package org.fedcot.cli.serve;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Host a model behind an OpenAI-compatible HTTP API until stopped (Ctrl-C): GET /v1/models, "
                + "POST /v1/completions and /v1/chat/completions (stream, stop, max_tokens, temperature, top_p, "
                + "seed, n).",
            "Chat prompts are laid out by the tokenizer's chat template (tokenizer_config.json), or as "
                + "\"role: content\" lines when it has none."})
public final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "PATH",
            description = "A Hugging Face model directory (config.json + safetensors) or a llama2.c .bin checkpoint.")
    Path modelPath;

    @Option(names = "--tokenizer", paramLabel = "PATH",
            description = "The tokenizer (default: the model directory's, or tokenizer.bin beside a llama2.c checkpoint); "
                    + "its directory's tokenizer_config.json gives the chat template.")
    Path tokenizerPath;

    @Option(names = "--served-model-name", paramLabel = "NAME",
            description = "The model id clients send (default: the model's directory name, or its checkpoint file's "
                    + "name without the extension).")
    String servedName;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = ServerOptions.LOOPBACK,
            description = "The address to listen on. Default: ${DEFAULT-VALUE} (this machine only); 0.0.0.0 exposes "
                    + "the model to the network.")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8000",
            description = "The port to listen on (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "Require 'Authorization: Bearer KEY' of every request, KEY being this environment variable's "
                    + "value (the key itself never goes on the command line).")
    String apiKeyEnv;

    @Option(names = "--audit", paramLabel = "FILE",
            description = "Append every request received (time, remote address, path, body; never the headers) to "
                    + "FILE as JSON lines: the record of what this server saw.")
    Path auditFile;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "" + ServerOptions.DEFAULT_WORKERS,
            description = "Requests generated at once; more wait in line. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Override
    public Integer call() throws IOException, InterruptedException {
        CommandLine cl = spec.commandLine();
        ServerOptions options;
        try {
            options = new ServerOptions(host, port, apiKey(), auditFile, workers);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        ServedModel model = ServedModel.load(modelPath, tokenizerPath, servedName);
        OpenAiServer server = OpenAiServer.start(model, options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "fedcot-serve-shutdown"));
        PrintWriter err = cl.getErr();
        err.printf("serving %s (context %d tokens, %s) at %s%s%s; Ctrl-C stops%n", model.id(), model.contextLength(),
                model.chatTemplate().isFallback() ? "chats as role: content lines" : "chats by its chat template",
                server.baseUrl(), options.apiKey() == null ? "" : ", API key required",
                auditFile == null ? "" : ", audit log " + auditFile);
        err.flush();
        stopped.await();
        return 0;
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
