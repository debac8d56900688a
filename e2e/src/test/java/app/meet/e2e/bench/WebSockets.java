package app.meet.e2e.bench;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * WebSocket clients whose frames are all read by one thread ({@link SocketReader}): each
 * socket opened with a blocking handshake, its RFC 6455 frames then taken apart without
 * decoding their text. A JDK {@code WebSocket} per socket costs the load generator a
 * decoder, a listener call and a demand signal per frame; with thousands of sockets that
 * load generator, not the relay, set the tail. Each message carries the time of the read
 * that completed it.
 */
final class WebSockets implements Closeable {

	private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private static final int OPCODE_CONTINUATION = 0;

	private static final int OPCODE_TEXT = 1;

	private static final int OPCODE_CLOSE = 8;

	private static final int OPCODE_PING = 9;

	private static final int OPCODE_PONG = 10;

	/** Each sending thread's frame, reused from send to send. */
	private static final ThreadLocal<ByteBuffer> OUTGOING = ThreadLocal
		.withInitial(() -> ByteBuffer.allocate(8 * 1024));

	private final SocketReader reader;

	private final List<Socket> sockets = new ArrayList<>();

	private WebSockets(SocketReader reader) {
		this.reader = reader;
	}

	/**
	 * Opens a socket for every request, in order, and starts reading them all.
	 * @throws IOException if one cannot be opened or is not upgraded
	 */
	static WebSockets open(List<Upgrade> upgrades, MessageHandler messages) throws IOException {
		WebSockets webSockets = new WebSockets(new SocketReader("web-sockets"));
		try {
			for (Upgrade upgrade : upgrades) {
				SocketChannel channel = webSockets.reader.connect(upgrade.uri());
				Socket socket = new Socket(webSockets.sockets.size(), channel);
				webSockets.sockets.add(socket);
				handshake(channel, upgrade, socket.in);
				webSockets.reader.register(channel, socket);
			}
		}
		catch (IOException | RuntimeException ex) {
			webSockets.close();
			throw ex;
		}
		webSockets.reader.start((key) -> takeFrames(key, messages), (key) -> {
			if (((Socket) key.attachment()).read() < 0) {
				return false;
			}
			return takeFrames(key, messages);
		});
		return webSockets;
	}

	Socket socket(int index) {
		return this.sockets.get(index);
	}

	/**
	 * Sends the upgrade request and reads the response head; bytes read past it are the
	 * first frames, left in {@code in}.
	 */
	private static void handshake(SocketChannel channel, Upgrade upgrade, ByteBuffer in) throws IOException {
		URI uri = upgrade.uri();
		byte[] nonce = new byte[16];
		ThreadLocalRandom.current().nextBytes(nonce);
		String key = Base64.getEncoder().encodeToString(nonce);
		String request = "GET " + uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "")
				+ " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
				+ key + "\r\n"
				+ ((upgrade.authorization() != null) ? "Authorization: " + upgrade.authorization() + "\r\n" : "")
				+ "\r\n";
		channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
		int end = SocketReader.readHead(channel, in, uri.getPath());
		String head = new String(in.array(), 0, end, StandardCharsets.ISO_8859_1);
		if (!head.startsWith("HTTP/1.1 101")) {
			throw new IOException(
					"The upgrade of " + uri.getPath() + " was answered " + head.lines().findFirst().orElse(""));
		}
		if (!head.toLowerCase(Locale.ROOT)
			.contains("\r\nsec-websocket-accept: " + accept(key).toLowerCase(Locale.ROOT))) {
			throw new IOException("The upgrade of " + uri.getPath() + " did not accept its key");
		}
		in.flip().position(end);
		in.compact();
	}

	private static String accept(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1")
				.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Hands on the socket's complete messages; a close from the server ends the socket
	 * with an exception.
	 */
	private static boolean takeFrames(SelectionKey key, MessageHandler messages) throws IOException {
		((Socket) key.attachment()).takeFrames(System.nanoTime(), messages);
		return true;
	}

	/**
	 * Closes every socket and waits for the reader, so that whatever it handed on is
	 * visible to the caller.
	 */
	@Override
	public void close() throws IOException {
		this.reader.close();
	}

	/** One socket: its unparsed input, and its sends, one at a time. */
	static final class Socket {

		private final int index;

		private final SocketChannel channel;

		private ByteBuffer in = ByteBuffer.allocate(16 * 1024);

		/** A message's text so far, while it arrives in several frames. */
		private final ByteArrayOutputStream fragments = new ByteArrayOutputStream();

		private Socket(int index, SocketChannel channel) {
			this.index = index;
			this.channel = channel;
		}

		/** Sends one text message in one frame, masked as a client must. */
		void sendText(String text) {
			byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
			sendText(utf8, utf8.length);
		}

		/**
		 * Sends the first {@code length} bytes of {@code utf8} as one text message in one
		 * frame, masked as a client must, without allocating: what the load generator
		 * allocates per frame comes back as its own collection pauses, which delay the
		 * arrivals it times.
		 */
		void sendText(byte[] utf8, int length) {
			send(OPCODE_TEXT, utf8, length);
		}

		private synchronized void send(int opcode, byte[] payload, int length) {
			int lengthBytes = (length < 126) ? 0 : (length <= 0xFFFF) ? 2 : 8;
			ByteBuffer frame = OUTGOING.get();
			if (frame.capacity() < 2 + lengthBytes + 4 + length) {
				frame = ByteBuffer.allocate(2 + lengthBytes + 4 + length);
				OUTGOING.set(frame);
			}
			frame.clear();
			frame.put((byte) (0x80 | opcode));
			if (lengthBytes == 0) {
				frame.put((byte) (0x80 | length));
			}
			else if (lengthBytes == 2) {
				frame.put((byte) (0x80 | 126)).putShort((short) length);
			}
			else {
				frame.put((byte) (0x80 | 127)).putLong(length);
			}
			int mask = ThreadLocalRandom.current().nextInt();
			frame.putInt(mask);
			byte[] out = frame.array();
			int start = frame.position();
			for (int at = 0; at < length; at++) {
				out[start + at] = (byte) (payload[at] ^ (mask >>> (24 - 8 * (at & 3))));
			}
			frame.position(start + length).flip();
			try {
				while (frame.hasRemaining()) {
					if (this.channel.write(frame) == 0) {
						LockSupport.parkNanos(50_000);
					}
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not send on socket " + this.index, ex);
			}
		}

		private int read() throws IOException {
			if (!this.in.hasRemaining()) {
				this.in = ByteBuffer.allocate(this.in.capacity() * 2).put(this.in.flip());
			}
			return this.channel.read(this.in);
		}

		/** Hands on every complete message in the input and keeps the rest. */
		private void takeFrames(long arrivedNanos, MessageHandler messages) throws IOException {
			this.in.flip();
			while (takeFrame(arrivedNanos, messages)) {
				// until no complete frame is left
			}
			this.in.compact();
		}

		private boolean takeFrame(long arrivedNanos, MessageHandler messages) throws IOException {
			int start = this.in.position();
			if (this.in.remaining() < 2) {
				return false;
			}
			int first = this.in.get(start) & 0xFF;
			int second = this.in.get(start + 1) & 0xFF;
			long length = second & 0x7F;
			int header = 2;
			if (length == 126) {
				if (this.in.remaining() < 4) {
					return false;
				}
				length = this.in.getShort(start + 2) & 0xFFFF;
				header = 4;
			}
			else if (length == 127) {
				if (this.in.remaining() < 10) {
					return false;
				}
				length = this.in.getLong(start + 2);
				header = 10;
			}
			if ((second & 0x80) != 0) {
				throw new IOException("The server sent a masked frame on socket " + this.index);
			}
			if (this.in.remaining() < header + length) {
				if (this.in.capacity() < header + length) {
					this.in = ByteBuffer.allocate((int) (header + length)).put(this.in);
					this.in.flip();
				}
				return false;
			}
			int payload = start + header;
			this.in.position(payload + (int) length);
			boolean last = (first & 0x80) != 0;
			int opcode = first & 0x0F;
			byte[] bytes = this.in.array();
			switch (opcode) {
				case OPCODE_TEXT, OPCODE_CONTINUATION -> {
					if (last && this.fragments.size() == 0) {
						messages.message(this.index, bytes, payload, (int) length, arrivedNanos);
					}
					else {
						this.fragments.write(bytes, payload, (int) length);
						if (last) {
							messages.message(this.index, this.fragments.toByteArray(), 0, this.fragments.size(),
									arrivedNanos);
							this.fragments.reset();
						}
					}
				}
				case OPCODE_PING ->
					send(OPCODE_PONG, Arrays.copyOfRange(bytes, payload, payload + (int) length), (int) length);
				case OPCODE_CLOSE -> throw new IOException("The server closed socket " + this.index);
				default -> {
					// pongs and binary frames carry nothing the benchmark reads
				}
			}
			return true;
		}

	}

	/**
	 * An upgrade request.
	 *
	 * @param uri the {@code ws://} address
	 * @param authorization an {@code Authorization} header's value, or {@code null}
	 */
	record Upgrade(URI uri, String authorization) {
	}

	/** Receives every text message of every socket, on the one reader thread. */
	@FunctionalInterface
	interface MessageHandler {

		/**
		 * @param socket the socket's index, in the order they were opened
		 * @param bytes the message's UTF-8 text is in here; valid only during the call
		 * @param offset where it starts
		 * @param length how many bytes it takes
		 * @param arrivedNanos {@link System#nanoTime()} just after the read that
		 * completed it
		 */
		void message(int socket, byte[] bytes, int offset, int length, long arrivedNanos);

	}

}
