package app.meet.platform.events;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import app.meet.platform.metrics.PolledMetrics;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far the outbox is behind: {@code meet_outbox_backlog}, events not yet taken by
 * Kafka, and {@code meet_outbox_oldest_age_seconds}, how long the oldest of them has
 * waited (0 when none does).
 */
class OutboxMetrics extends PolledMetrics {

	private final JdbcClient jdbc;

	private volatile double backlog = Double.NaN;

	private volatile double oldestAgeSeconds = Double.NaN;

	OutboxMetrics(JdbcClient jdbc, MeterRegistry meters) {
		super("outbox-metrics", Duration.ofSeconds(5));
		this.jdbc = jdbc;
		Gauge.builder("meet.outbox.backlog", this, (metrics) -> metrics.backlog)
			.description("Events recorded in the outbox and not yet taken by Kafka")
			.register(meters);
		Gauge.builder("meet.outbox.oldest.age", this, (metrics) -> metrics.oldestAgeSeconds)
			.baseUnit("seconds")
			.description("How long the oldest event not yet taken by Kafka has waited")
			.register(meters);
	}

	@Override
	protected void poll() {
		// the database's clock, which wrote the publication dates
		this.jdbc.sql("""
				SELECT count(*) AS waiting, coalesce(extract(epoch FROM now() - min(publication_date)), 0) AS age
				FROM event_publication WHERE completion_date IS NULL
				""").query((row) -> {
			this.backlog = row.getLong("waiting");
			this.oldestAgeSeconds = Math.max(0, row.getDouble("age"));
		});
	}

	@Override
	protected void unreadable() {
		this.backlog = Double.NaN;
		this.oldestAgeSeconds = Double.NaN;
	}

}
