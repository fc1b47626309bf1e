package org.fedcot.llm.server;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One server for a whole test class, so the server tests do not each repeat its start and stop: as a
 * static {@code @RegisterExtension} field it starts the server before the class's tests and closes it
 * after them, and hands test methods that ask for them the {@link Api} on it, the {@link OpenAiServer}
 * itself and the {@link ServedModel} it serves.
 */
final class ServerCalls implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private final Callable<ServedModel> source;
    private final ServerOptions options;
    private final String key;
    private ServedModel model;
    private OpenAiServer server;
    private Api api;

    private ServerCalls(Callable<ServedModel> source, ServerOptions options, String key) {
        this.source = source;
        this.options = options;
        this.key = key;
    }

    /** Serves the model {@code source} loads on a free loopback port; the Api sends no key. */
    static ServerCalls serving(Callable<ServedModel> source) {
        return new ServerCalls(source, ServerOptions.loopback(0), null);
    }

    /** Serves the model {@code source} loads with {@code options}; the Api sends {@code key} (null: none). */
    static ServerCalls serving(Callable<ServedModel> source, ServerOptions options, String key) {
        return new ServerCalls(source, options, key);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        model = source.call();
        server = OpenAiServer.start(model, options);
        api = new Api(server, key);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Api.class || type == OpenAiServer.class || type == ServedModel.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == Api.class) {
            return api;
        }
        return type == OpenAiServer.class ? server : model;
    }
}
