package app.meet.meeting.meetings;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import app.meet.platform.metrics.PolledMetrics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What is going on right now, across all instances (each reports the same figures):
 * {@code meet_meetings_active}, {@code meet_participants_active} (in those meetings) and
 * {@code meet_participants_waiting} (in their waiting rooms).
 */
@Component
class MeetingMetrics extends PolledMetrics {

	private final JdbcClient jdbc;

	private volatile double meetings = Double.NaN;

	private volatile double participants = Double.NaN;

	private volatile double waiting = Double.NaN;

	MeetingMetrics(JdbcClient jdbc, MeterRegistry meters) {
		super("meeting-metrics", Duration.ofSeconds(10));
		this.jdbc = jdbc;
		Gauge.builder("meet.meetings.active", this, (metrics) -> metrics.meetings)
			.description("Meetings that have started and not ended")
			.register(meters);
		Gauge.builder("meet.participants.active", this, (metrics) -> metrics.participants)
			.description("Participants in the active meetings")
			.register(meters);
		Gauge.builder("meet.participants.waiting", this, (metrics) -> metrics.waiting)
			.description("Users in the waiting rooms of the active meetings")
			.register(meters);
	}

	@Override
	protected void poll() {
		this.jdbc.sql("""
				SELECT (SELECT count(*) FROM meetings WHERE status = 'active') AS meetings,
					count(*) FILTER (WHERE p.status = 'active') AS participants,
					count(*) FILTER (WHERE p.status = 'waiting') AS waiting
				FROM participants p JOIN meetings m ON m.id = p.meeting_id AND m.status = 'active'
				""").query((row) -> {
			this.meetings = row.getLong("meetings");
			this.participants = row.getLong("participants");
			this.waiting = row.getLong("waiting");
		});
	}

	@Override
	protected void unreadable() {
		this.meetings = Double.NaN;
		this.participants = Double.NaN;
		this.waiting = Double.NaN;
	}

}
