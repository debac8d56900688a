package app.meet.chat.stream;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every meeting's live stream, kept in the database so that a subscriber who reconnects
 * gets exactly what it missed. An event is recorded in the transaction of the change it
 * tells of, and announced to every instance once that transaction commits.
 */
@Component
public class StreamLog {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final StreamRelay relay;

	private final Clock clock;

	StreamLog(JdbcClient jdbc, JsonMapper json, StreamRelay relay, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.relay = relay;
		this.clock = clock;
	}

	/**
	 * Records an event under the meeting's next number, in one statement. Taking the
	 * number locks the meeting until the transaction ends, so the meeting's events commit
	 * in the order of their numbers; callers do everything else first, to hold the lock
	 * briefly.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public StreamEvent append(UUID meetingId, String name, UUID aboutUser, Object data) {
		String json = this.json.writeValueAsString(data);
		long seq = this.jdbc.sql("""
				WITH next AS (UPDATE meetings SET last_seq = last_seq + 1 WHERE id = :meeting RETURNING last_seq)
				INSERT INTO stream_events (meeting_id, seq, name, about_user, data, created_at)
				SELECT :meeting, last_seq, :name, :about, :data, :now FROM next
				RETURNING seq
				""")
			.param("meeting", meetingId)
			.param("name", name)
			.param("about", aboutUser)
			.param("data", json)
			.param("now", Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.single();
		StreamEvent event = new StreamEvent(meetingId, seq, name, aboutUser, json);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				StreamLog.this.relay.announce(event);
			}

		});
		return event;
	}

	/** The number of the meeting's latest committed event; 0 when it has none. */
	long lastSeq(UUID meetingId) {
		return this.jdbc.sql("SELECT last_seq FROM meetings WHERE id = :id")
			.param("id", meetingId)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	/** The events numbered above {@code after} and up to {@code upTo}, in order. */
	List<StreamEvent> between(UUID meetingId, long after, long upTo) {
		return this.jdbc.sql("""
				SELECT seq, name, about_user, data FROM stream_events
				WHERE meeting_id = :meeting AND seq > :after AND seq <= :upTo ORDER BY seq
				""")
			.param("meeting", meetingId)
			.param("after", after)
			.param("upTo", upTo)
			.query((row, index) -> new StreamEvent(meetingId, row.getLong("seq"), row.getString("name"),
					row.getObject("about_user", UUID.class), row.getString("data")))
			.list();
	}

	/** The number of the meeting's {@code meeting_ended} event, once it has ended. */
	Optional<Long> endedAt(UUID meetingId) {
		return this.jdbc
			.sql("SELECT seq FROM stream_events WHERE meeting_id = :meeting AND name = :name ORDER BY seq LIMIT 1")
			.param("meeting", meetingId)
			.param("name", StreamEvent.MEETING_ENDED)
			.query(Long.class)
			.optional();
	}

	/**
	 * Whether the user was an active participant just after event {@code seq}: their
	 * latest join or departure up to then was a join.
	 */
	boolean activeAfter(UUID meetingId, UUID userId, long seq) {
		return this.jdbc.sql("""
				SELECT name FROM stream_events
				WHERE meeting_id = :meeting AND about_user = :user AND seq <= :seq
				ORDER BY seq DESC LIMIT 1
				""")
			.param("meeting", meetingId)
			.param("user", userId)
			.param("seq", seq)
			.query(String.class)
			.optional()
			.filter(StreamEvent.PARTICIPANT_JOINED::equals)
			.isPresent();
	}

}
