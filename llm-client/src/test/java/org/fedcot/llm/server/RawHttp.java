package org.fedcot.llm.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** Bytes on a bare socket, for requests no HTTP client would send: unfinished, oversize, slow. */
final class RawHttp {
    private RawHttp() {}

    /** A connection to {@code server} that has sent {@code text} and stays open. */
    static Socket send(OpenAiServer server, String text) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return socket;
    }

    /** The status line of the response, read up to its CRLF ("" when the server closed first). */
    static String statusLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).strip();
    }

    /** Waits until the server closes the connection; true when it did without sending a byte. */
    static boolean closedWithoutAnswer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketException reset) {
            return true; // closed with unread bytes: a reset
        }
    }
}
