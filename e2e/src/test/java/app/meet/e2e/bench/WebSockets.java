package app.meet.e2e.bench;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
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
 * WebSocket clients whose frames are all read by one thread: each socket opened with a
 * blocking handshake, then read by a selector loop that takes RFC 6455 frames apart
 * without decoding their text. A JDK {@code WebSocket} per socket costs the load
 * generator a decoder, a listener call and a demand signal per frame; with thousands of
 * sockets that load generator, not the relay, set the tail. Each message carries the time
 * of the read that completed it.
 */
final class WebSockets implements Closeable {

	private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private static final int OPCODE_CONTINUATION = 0;

	private static final int OPCODE_TEXT = 1;

	private static final int OPCODE_CLOSE = 8;

	private static final int OPCODE_PING = 9;

	private static final int OPCODE_PONG = 10;

	private final Selector selector;

	private final List<Socket> sockets;

	private final Thread reader;

	private volatile boolean closed;

	private WebSockets(Selector selector, List<Socket> sockets, MessageHandler messages) {
		this.selector = selector;
		this.sockets = sockets;
		this.reader = Thread.ofPlatform().name("web-sockets").daemon().unstarted(() -> readAll(messages));
	}

	/**
	 * Opens a socket for every request, in order, and starts reading them all.
	 * @throws IOException if one cannot be opened or is not upgraded
	 */
	static WebSockets open(List<Upgrade> upgrades, MessageHandler messages) throws IOException {
		Selector selector = Selector.open();
		List<Socket> sockets = new ArrayList<>();
		WebSockets webSockets = new WebSockets(selector, sockets, messages);
		try {
			for (Upgrade upgrade : upgrades) {
				SocketChannel channel = SocketChannel
					.open(new InetSocketAddress(upgrade.uri().getHost(), upgrade.uri().getPort()));
				Socket socket = new Socket(sockets.size(), channel);
				sockets.add(socket);
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
				handshake(channel, upgrade, socket.in);
				channel.configureBlocking(false);
				channel.register(selector, SelectionKey.OP_READ, socket);
			}
		}
		catch (IOException | RuntimeException ex) {
			webSockets.close();
			throw ex;
		}
		webSockets.reader.start();
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
		int end;
		while ((end = endOfHead(in)) < 0) {
			if (!in.hasRemaining() || channel.read(in) < 0) {
				throw new IOException("No complete response head from " + uri.getPath());
			}
		}
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

	private static int endOfHead(ByteBuffer head) {
		byte[] bytes = head.array();
		for (int at = 3; at < head.position(); at++) {
			if (bytes[at] == '\n' && bytes[at - 1] == '\r' && bytes[at - 2] == '\n' && bytes[at - 3] == '\r') {
				return at + 1;
			}
		}
		return -1;
	}

	private void readAll(MessageHandler messages) {
		try {
			for (SelectionKey key : this.selector.keys()) {
				take(key, messages);
			}
			while (!this.closed) {
				this.selector.select((key) -> {
					try {
						if (((Socket) key.attachment()).read() < 0) {
							key.cancel();
							return;
						}
					}
					catch (IOException ex) {
						key.cancel();
						return;
					}
					take(key, messages);
				});
			}
		}
		catch (IOException | RuntimeException ex) {
			if (!this.closed) {
				throw new IllegalStateException("Reading the sockets failed", ex);
			}
		}
	}

	/**
	 * Hands on the socket's complete messages; a socket the server closes is read no
	 * more.
	 */
	private static void take(SelectionKey key, MessageHandler messages) {
		try {
			((Socket) key.attachment()).takeFrames(System.nanoTime(), messages);
		}
		catch (IOException ex) {
			key.cancel();
		}
	}

	/**
	 * Closes every socket and waits for the reader, so that whatever it handed on is
	 * visible to the caller.
	 */
	@Override
	public void close() throws IOException {
		this.closed = true;
		this.selector.wakeup();
		if (this.reader.isAlive()) {
			try {
				this.reader.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		for (Socket socket : this.sockets) {
			socket.channel.close();
		}
		this.selector.close();
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
			send(OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
		}

		private synchronized void send(int opcode, byte[] payload) {
			int length = payload.length;
			int lengthBytes = (length < 126) ? 0 : (length <= 0xFFFF) ? 2 : 8;
			ByteBuffer frame = ByteBuffer.allocate(2 + lengthBytes + 4 + length);
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
			byte[] mask = new byte[4];
			ThreadLocalRandom.current().nextBytes(mask);
			frame.put(mask);
			for (int at = 0; at < length; at++) {
				frame.put((byte) (payload[at] ^ mask[at & 3]));
			}
			frame.flip();
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
				case OPCODE_PING -> send(OPCODE_PONG, Arrays.copyOfRange(bytes, payload, payload + (int) length));
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
