package org.fedcot.llm.server;

/**
 * A request the server refuses, with what OpenAI's error JSON says about it:
 * {@code {"error": {"message", "type", "param", "code"}}} under an HTTP status.
 */
final class ApiException extends RuntimeException {
    private static final String INVALID_REQUEST = "invalid_request_error";

    private final int status;
    private final String type;
    private final String param;
    private final String code;

    private ApiException(int status, String type, String param, String code, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    /** 400: the body, or the field {@code param} (null when the body as a whole), is wrong. */
    static ApiException badRequest(String param, String message) {
        return new ApiException(400, INVALID_REQUEST, param, null, message);
    }

    /** 400 with an OpenAI error code, e.g. context_length_exceeded. */
    static ApiException badRequest(String param, String code, String message) {
        return new ApiException(400, INVALID_REQUEST, param, code, message);
    }

    /** 401: no API key, or the wrong one. */
    static ApiException unauthorized(String code, String message) {
        return new ApiException(401, INVALID_REQUEST, null, code, message);
    }

    /** 404 for an unknown model id. */
    static ApiException modelNotFound(String model) {
        return new ApiException(
                404, INVALID_REQUEST, "model", "model_not_found", "The model `" + model + "` does not exist.");
    }

    /** 404 for a path the server does not serve. */
    static ApiException unknownUrl(String method, String path) {
        return new ApiException(
                404,
                INVALID_REQUEST,
                null,
                "unknown_url",
                "Unknown request URL: " + method + " " + path
                        + ". Served: GET /v1/models, POST /v1/completions, POST /v1/chat/completions.");
    }

    /** 405: the path exists, the method does not. */
    static ApiException methodNotAllowed(String method, String path, String allowed) {
        return new ApiException(
                405,
                INVALID_REQUEST,
                null,
                "method_not_allowed",
                method + " is not allowed on " + path + "; use " + allowed + ".");
    }

    /** 413: the body is larger than the server reads. */
    static ApiException tooLarge(long limit) {
        return new ApiException(
                413,
                INVALID_REQUEST,
                null,
                "request_too_large",
                "The request body is larger than " + limit + " bytes.");
    }

    /** 500: the server failed; {@code message} says where. */
    static ApiException internal(String message) {
        return new ApiException(500, "server_error", null, null, message);
    }

    /** 503: the server is shutting down and generates no more. */
    static ApiException shuttingDown() {
        return new ApiException(
                503,
                "server_error",
                null,
                "server_shutting_down",
                "The server is shutting down; the generation was stopped. Ask again once it is back.");
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    String param() {
        return param;
    }

    String code() {
        return code;
    }
}
