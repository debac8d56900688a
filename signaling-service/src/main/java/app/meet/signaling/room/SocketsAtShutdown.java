package app.meet.signaling.room;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At shutdown, before the web server's graceful shutdown and while Redis and Kafka are
 * still there, closes every socket for a restart
 * ({@link Signaling#closeEverySocketForRestart}). Readiness is down by then, so the
 * gateway sends the clients' new sockets elsewhere.
 */
@Component
class SocketsAtShutdown implements SmartLifecycle {

	private final Signaling signaling;

	private volatile boolean running;

	SocketsAtShutdown(Signaling signaling) {
		this.signaling = signaling;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.signaling.closeEverySocketForRestart();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
