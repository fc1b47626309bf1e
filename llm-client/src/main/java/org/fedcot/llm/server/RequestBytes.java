package org.fedcot.llm.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body read into memory, never more than a limit of it. */
final class RequestBytes {
    private RequestBytes() {}

    /**
     * The body of {@code exchange}.
     *
     * @throws ApiException 413 before anything is read when Content-Length is over {@code limit}, or once
     *                      more than {@code limit} bytes of a chunked body have arrived
     */
    static byte[] read(HttpExchange exchange, int limit) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        // the JDK server has already refused a Content-Length that is not a non-negative number
        if (length != null && Long.parseLong(length.strip()) > limit) {
            throw ApiException.tooLarge(limit);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (bytes.size() + n > limit) {
                    throw ApiException.tooLarge(limit);
                }
                bytes.write(buffer, 0, n);
            }
        }
        return bytes.toByteArray();
    }
}
