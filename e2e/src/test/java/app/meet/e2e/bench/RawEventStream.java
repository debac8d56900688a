package app.meet.e2e.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * An event stream read straight off a socket: a blocking HTTP/1.1 {@code GET}, its
 * chunked body split into lines. Each stream's reader takes its events as they arrive,
 * with no client's shared selector thread between arrival and timestamp.
 */
final class RawEventStream implements Closeable {

	private final Socket socket;

	private final InputStream in;

	private final int status;

	private final boolean chunked;

	private RawEventStream(Socket socket, InputStream in, int status, boolean chunked) {
		this.socket = socket;
		this.in = in;
		this.status = status;
		this.chunked = chunked;
	}

	static RawEventStream open(URI uri) throws IOException {
		Socket socket = new Socket(uri.getHost(), uri.getPort());
		socket.setTcpNoDelay(true);
		String request = "GET " + uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "")
				+ " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
				+ "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n";
		socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
		String statusLine = line(in);
		if (statusLine == null || statusLine.length() < 12) {
			socket.close();
			throw new IOException("No HTTP response: " + statusLine);
		}
		int status = Integer.parseInt(statusLine.substring(9, 12));
		boolean chunked = false;
		for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
			String lower = header.toLowerCase(Locale.ROOT);
			if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
		}
		return new RawEventStream(socket, in, status, chunked);
	}

	int status() {
		return this.status;
	}

	/**
	 * Hands every line of the body to {@code lines} until the stream ends or is closed.
	 */
	void readLines(Consumer<String> lines) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(512);
		if (!this.chunked) {
			copyLines(this.in, Long.MAX_VALUE, line, lines);
			return;
		}
		while (true) {
			String size = line(this.in);
			if (size == null) {
				return;
			}
			int extension = size.indexOf(';');
			long length = Long.parseLong((extension >= 0) ? size.substring(0, extension).trim() : size.trim(), 16);
			if (length == 0) {
				return;
			}
			if (!copyLines(this.in, length, line, lines)) {
				return;
			}
			line(this.in);
		}
	}

	/**
	 * Reads {@code length} bytes, handing on each completed line; false at the end of
	 * input.
	 */
	private static boolean copyLines(InputStream in, long length, ByteArrayOutputStream line, Consumer<String> lines)
			throws IOException {
		for (long read = 0; read < length; read++) {
			int next = in.read();
			if (next < 0) {
				return false;
			}
			if (next == '\n') {
				lines.accept(line.toString(StandardCharsets.UTF_8));
				line.reset();
			}
			else if (next != '\r') {
				line.write(next);
			}
		}
		return true;
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int next = in.read(); next >= 0; next = in.read()) {
			if (next == '\n') {
				return line.toString();
			}
			if (next != '\r') {
				line.append((char) next);
			}
		}
		return (line.isEmpty()) ? null : line.toString();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
