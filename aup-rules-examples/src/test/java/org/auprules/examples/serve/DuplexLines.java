package org.auprules.examples.serve;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A JSON Lines request that writes and reads at once, over a plain socket: what curl and the
 * Python client of docs/server.md do. java.net.http sends the whole body before it hands out the
 * answer, so a fleet larger than the socket buffers would stall it; this client does not.
 */
final class DuplexLines implements Closeable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private int status;
    private boolean chunked;
    private long chunkLeft;
    private boolean ended;

    DuplexLines(String baseUrl) throws IOException {
        URI uri = URI.create(baseUrl);
        socket = new Socket(uri.getHost(), uri.getPort());
        out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        out.write(("POST /v1/evaluate HTTP/1.1\r\nHost: " + uri.getAuthority()
                        + "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends one line (its newline added) as one chunk, buffered: {@link #flush()} sends what is buffered. */
    synchronized void send(String line) throws IOException {
        byte[] data = (line + "\n").getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    synchronized void flush() throws IOException {
        out.flush();
    }

    /** Ends the body. */
    synchronized void end() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The status of the answer, reading its headers on first call. */
    int status() throws IOException {
        if (status == 0) {
            String statusLine = rawLine();
            status = Integer.parseInt(statusLine.split(" ", -1)[1]);
            for (String header = rawLine(); !header.isEmpty(); header = rawLine()) {
                if (header.toLowerCase(java.util.Locale.ROOT).startsWith("transfer-encoding:")
                        && header.contains("chunked")) {
                    chunked = true;
                }
            }
        }
        return status;
    }

    /** The next line of the answer, or null at its end. */
    String readLine() throws IOException {
        status();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = body()) != -1) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    private int body() throws IOException {
        if (!chunked) {
            return in.read();
        }
        if (ended) {
            return -1;
        }
        if (chunkLeft == 0) {
            String size = rawLine();
            if (size.isEmpty()) {
                size = rawLine();
            }
            if (size.isEmpty()) { // the connection closed
                ended = true;
                return -1;
            }
            chunkLeft = Long.parseLong(size.split(";", -1)[0].strip(), 16);
            if (chunkLeft == 0) {
                ended = true;
                return -1;
            }
        }
        chunkLeft--;
        return in.read();
    }

    private String rawLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
