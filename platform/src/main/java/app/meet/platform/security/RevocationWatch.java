package app.meet.platform.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Ends long-lived connections (signaling sockets, event streams) whose access token is
 * revoked: every few seconds the tokens of the open ones are checked against
 * {@link RevokedTokens} in one round trip, so a logout or an ended login closes them
 * within that interval. A token's expiry does not end a connection: the token is checked
 * when the connection opens, and a call or stream that outlives the token (fifteen
 * minutes) goes on until it is closed, revoked or its meeting ends; reconnecting needs a
 * fresh token.
 */
public class RevocationWatch implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RevocationWatch.class);

	private final RevokedTokens revoked;

	private final Map<Watched, Boolean> watched = new ConcurrentHashMap<>();

	private final ScheduledExecutorService sweeper = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("revocation-watch").daemon().factory());

	public RevocationWatch(RevokedTokens revoked, Duration interval) {
		this.revoked = revoked;
		this.sweeper.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/**
	 * Watches a connection opened with the token until the returned handle is closed.
	 * @param end ends the connection; called at most once, from the watch's own thread
	 */
	public Registration watch(Jwt token, Runnable end) {
		Watched entry = new Watched(token, end);
		this.watched.put(entry, Boolean.TRUE);
		return () -> this.watched.remove(entry);
	}

	/** How many connections are watched. */
	public int size() {
		return this.watched.size();
	}

	/** Ends every watched connection whose token was revoked. */
	void sweep() {
		List<Watched> open = List.copyOf(this.watched.keySet());
		if (open.isEmpty()) {
			return;
		}
		Set<Jwt> revokedTokens = this.revoked.revokedAmong(open.stream().map(Watched::token).toList());
		for (Watched entry : open) {
			if (revokedTokens.contains(entry.token()) && this.watched.remove(entry) != null) {
				entry.end().run();
			}
		}
	}

	private void sweepQuietly() {
		try {
			sweep();
		}
		catch (RuntimeException ex) {
			log.warn("Could not check open connections for revoked tokens: {}", ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		this.sweeper.shutdownNow();
	}

	/** A watched connection; closing it stops the watch. */
	@FunctionalInterface
	public interface Registration extends AutoCloseable {

		@Override
		void close();

	}

	/** Identity, not equality: two connections with one token are watched apart. */
	private static final class Watched {

		private final Jwt token;

		private final Runnable end;

		Watched(Jwt token, Runnable end) {
			this.token = token;
			this.end = end;
		}

		Jwt token() {
			return this.token;
		}

		Runnable end() {
			return this.end;
		}

	}

}
