package app.meet.e2e.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * One thread reading many sockets: each connected and its HTTP exchange started with
 * blocking calls, then handed to a selector loop. One thread woken once for all the
 * sockets a wake-up finds ready costs a load generator far less than a thread per socket,
 * which leaves the cores to the stack being measured.
 */
final class SocketReader implements Closeable {

	private final Selector selector = Selector.open();

	private final List<SocketChannel> channels = new ArrayList<>();

	private final Thread thread;

	private volatile boolean closed;

	private volatile KeyHandler pending;

	private volatile KeyHandler readable;

	SocketReader(String name) throws IOException {
		this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::readAll);
	}

	/** A blocking connection to the address's host and port, closed with this reader. */
	SocketChannel connect(URI uri) throws IOException {
		SocketChannel channel = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
		this.channels.add(channel);
		channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
		return channel;
	}

	/**
	 * Hands a connected channel over to the selector loop; call before {@link #start}.
	 */
	void register(SocketChannel channel, Object attachment) throws IOException {
		channel.configureBlocking(false);
		channel.register(this.selector, SelectionKey.OP_READ, attachment);
	}

	/**
	 * Starts the loop. A key whose handler fails is cancelled: its socket is read no
	 * more.
	 * @param pending called once for every key first, for the bytes read with the
	 * response head
	 * @param readable called for every key the selector finds ready
	 */
	void start(KeyHandler pending, KeyHandler readable) {
		this.pending = pending;
		this.readable = readable;
		this.thread.start();
	}

	private void readAll() {
		try {
			for (SelectionKey key : this.selector.keys()) {
				handle(key, this.pending);
			}
			while (!this.closed) {
				this.selector.select((key) -> handle(key, this.readable));
			}
		}
		catch (IOException | RuntimeException ex) {
			if (!this.closed) {
				throw new IllegalStateException("Reading the sockets failed", ex);
			}
		}
	}

	private static void handle(SelectionKey key, KeyHandler handler) {
		try {
			if (!handler.handle(key)) {
				key.cancel();
			}
		}
		catch (IOException ex) {
			key.cancel();
		}
	}

	/**
	 * Closes every socket and waits for the loop, so that whatever it handed on is
	 * visible to the caller.
	 */
	@Override
	public void close() throws IOException {
		this.closed = true;
		this.selector.wakeup();
		if (this.thread.isAlive()) {
			try {
				this.thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		for (SocketChannel channel : this.channels) {
			channel.close();
		}
		this.selector.close();
	}

	/**
	 * Reads until the response head is complete; bytes read past it stay in the buffer.
	 * @return where the head ends (after its blank line)
	 */
	static int readHead(SocketChannel channel, ByteBuffer in, String path) throws IOException {
		int end;
		while ((end = endOfHead(in)) < 0) {
			if (!in.hasRemaining() || channel.read(in) < 0) {
				throw new IOException("No complete response head from " + path);
			}
		}
		return end;
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

	/** Handles a key on the loop's thread. */
	@FunctionalInterface
	interface KeyHandler {

		/**
		 * @return whether to go on reading the key's socket
		 */
		boolean handle(SelectionKey key) throws IOException;

	}

}
