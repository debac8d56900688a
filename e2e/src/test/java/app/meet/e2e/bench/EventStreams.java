package app.meet.e2e.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Event streams read off their sockets by one thread ({@link SocketReader}): each a
 * blocking HTTP/1.1 {@code GET}, then its (chunked) body split into lines. Each line
 * carries the time of the read that completed it.
 */
final class EventStreams implements Closeable {

	private final SocketReader reader;

	private EventStreams(SocketReader reader) {
		this.reader = reader;
	}

	/**
	 * Opens a stream for every address and starts reading them all.
	 * @throws IOException if one cannot be opened or does not answer 200
	 */
	static EventStreams open(List<URI> uris, LineHandler lines) throws IOException {
		EventStreams streams = new EventStreams(new SocketReader("event-streams"));
		try {
			for (URI uri : uris) {
				SocketChannel channel = streams.reader.connect(uri);
				streams.reader.register(channel, request(channel, uri));
			}
		}
		catch (IOException | RuntimeException ex) {
			streams.close();
			throw ex;
		}
		ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
		streams.reader.start((key) -> {
			((Body) key.attachment()).acceptEarlyBytes(lines);
			return true;
		}, (key) -> {
			buffer.clear();
			int read = ((SocketChannel) key.channel()).read(buffer);
			if (read < 0) {
				return false;
			}
			((Body) key.attachment()).accept(buffer.array(), read, System.nanoTime(), lines);
			return true;
		});
		return streams;
	}

	/** Sends the request and reads the response head; the body's first bytes are kept. */
	private static Body request(SocketChannel channel, URI uri) throws IOException {
		String request = "GET " + uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "")
				+ " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
				+ "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n";
		channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
		ByteBuffer head = ByteBuffer.allocate(16 * 1024);
		int end = SocketReader.readHead(channel, head, uri.getPath());
		String text = new String(head.array(), 0, end, StandardCharsets.ISO_8859_1);
		String statusLine = text.substring(0, text.indexOf('\r'));
		if (!statusLine.startsWith("HTTP/1.1 200")) {
			throw new IOException("The stream " + uri.getPath() + " answered " + statusLine);
		}
		return new Body(text.toLowerCase(Locale.ROOT).contains("\r\ntransfer-encoding: chunked"),
				Arrays.copyOfRange(head.array(), end, head.position()));
	}

	/**
	 * Closes every stream and waits for the reader, so that whatever it handed on is
	 * visible to the caller.
	 */
	@Override
	public void close() throws IOException {
		this.reader.close();
	}

	/** One stream's body: its chunked framing taken off, split into lines. */
	private static final class Body {

		private byte[] early;

		private Framing framing;

		private long chunkSize;

		private boolean chunkSizeRead;

		private long chunkLeft;

		private byte[] line = new byte[1024];

		private int lineLength;

		Body(boolean chunked, byte[] early) {
			this.early = early;
			this.framing = chunked ? Framing.CHUNK_SIZE : Framing.DATA;
			this.chunkLeft = chunked ? 0 : Long.MAX_VALUE;
		}

		/** The bytes read together with the response head. */
		void acceptEarlyBytes(LineHandler lines) {
			accept(this.early, this.early.length, System.nanoTime(), lines);
			this.early = null;
		}

		void accept(byte[] bytes, int length, long arrivedNanos, LineHandler lines) {
			for (int at = 0; at < length; at++) {
				byte next = bytes[at];
				switch (this.framing) {
					case CHUNK_SIZE -> chunkSize(next);
					case DATA -> {
						data(next, arrivedNanos, lines);
						if (--this.chunkLeft == 0) {
							this.framing = Framing.CHUNK_END;
						}
					}
					case CHUNK_END -> {
						if (next == '\n') {
							this.framing = Framing.CHUNK_SIZE;
							this.chunkSize = 0;
							this.chunkSizeRead = false;
						}
					}
					case END -> {
						return;
					}
				}
			}
		}

		/** A hexadecimal size, maybe extensions after it, then the line's end. */
		private void chunkSize(byte next) {
			if (next == '\n') {
				this.framing = (this.chunkSize == 0) ? Framing.END : Framing.DATA;
				this.chunkLeft = this.chunkSize;
				return;
			}
			int digit = Character.digit(next, 16);
			if (digit < 0) {
				this.chunkSizeRead = true;
			}
			else if (!this.chunkSizeRead) {
				this.chunkSize = this.chunkSize * 16 + digit;
			}
		}

		private void data(byte next, long arrivedNanos, LineHandler lines) {
			if (next == '\n') {
				int length = (this.lineLength > 0 && this.line[this.lineLength - 1] == '\r') ? this.lineLength - 1
						: this.lineLength;
				lines.line(this.line, length, arrivedNanos);
				this.lineLength = 0;
				return;
			}
			if (this.lineLength == this.line.length) {
				this.line = Arrays.copyOf(this.line, this.line.length * 2);
			}
			this.line[this.lineLength++] = next;
		}

	}

	private enum Framing {

		CHUNK_SIZE, DATA, CHUNK_END, END

	}

	/** Receives every line of every stream, on the one reader thread. */
	@FunctionalInterface
	interface LineHandler {

		/**
		 * @param line the line's bytes, without its end; valid only during the call
		 * @param length how many of them
		 * @param arrivedNanos {@link System#nanoTime()} just after the read that
		 * completed it
		 */
		void line(byte[] line, int length, long arrivedNanos);

	}

}
