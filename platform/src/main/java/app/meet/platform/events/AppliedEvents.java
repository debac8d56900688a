package app.meet.platform.events;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ids of the events a service has applied, in its {@code applied_events} table: Kafka
 * delivers at least once, and a redelivered event must change nothing.
 */
public class AppliedEvents {

	private final JdbcClient jdbc;

	public AppliedEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the event as applied, in the caller's transaction.
	 * @return whether this is its first delivery
	 */
	public boolean firstDelivery(String eventId) {
		return this.jdbc
			.sql("INSERT INTO applied_events (event_id, applied_at) VALUES (:id, :now) ON CONFLICT DO NOTHING")
			.param("id", eventId)
			.param("now", Timestamp.from(Instant.now()))
			.update() > 0;
	}

}
