package app.meet.meeting.meetings;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.meet.devstack.test.EmbeddedInfrastructure;
import app.meet.devstack.test.SharedInfrastructure;
import app.meet.platform.tracing.TraceContext;
import app.meet.platform.users.UserDirectory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transactional outbox against the real broker: only committed changes are published,
 * a broker outage delays events without losing them, and a redelivered event keeps its
 * {@code ce_id}.
 */
@SpringBootTest(properties = { "meet.outbox.retry-interval=1s", "spring.kafka.producer.properties.max.block.ms=3000",
		"spring.kafka.producer.properties.request.timeout.ms=3000",
		"spring.kafka.producer.properties.delivery.timeout.ms=6000" })
@EmbeddedInfrastructure
class MeetingEventsOutboxIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	/** Longer than the outbox's retry job waits before it resubmits a publication. */
	private static final Duration OUTAGE_PAST_RETRY_AGE = Duration.ofSeconds(14);

	@Autowired
	private MeetingService meetings;

	@Autowired
	private UserDirectory users;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Tracer tracer;

	@Autowired
	private MeterRegistry meters;

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrapServers;

	private UUID hostId;

	private KafkaConsumer<String, String> consumer;

	@BeforeEach
	void registerHostAndSubscribe() {
		this.hostId = UUID.randomUUID();
		this.users.remember(this.hostId, "outbox" + this.hostId.toString().substring(0, 8), "Outbox Host");
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		this.consumer = new KafkaConsumer<>(properties);
		this.consumer.subscribe(List.of("meeting.events"));
	}

	@AfterEach
	void closeConsumer() {
		this.consumer.close();
	}

	@Test
	void aRolledBackChangePublishesNothing() {
		MeetingResponse rolledBack = this.transactions.execute((status) -> {
			MeetingResponse created = this.meetings.create(this.hostId, create("Never happened"));
			status.setRollbackOnly();
			return created;
		});
		String key = rolledBack.id().toString();
		MeetingEvents.MeetingUpdated marker = new MeetingEvents.MeetingUpdated(MeetingEvents.newId(), Instant.now(),
				TraceContext.current(), rolledBack);
		this.transactions.executeWithoutResult((status) -> this.events.publishEvent(marker));

		List<ConsumerRecord<String, String>> published = consumeUntil(key,
				(record) -> header(record, "ce_id").equals(marker.eventId()));

		assertThat(published).extracting((record) -> header(record, "ce_type")).containsExactly("meet.meeting.updated");
		assertThat(this.jdbc.sql("SELECT count(*) FROM meetings WHERE id = :id")
			.param("id", rolledBack.id())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void changesCommittedWhileKafkaIsDownAnswerPromptlyAndArePublishedInOrderOnceKafkaIsBack() throws Exception {
		SharedInfrastructure.get().kafka().close();
		MeetingResponse created;
		List<Duration> answers = new ArrayList<>();
		try {
			Instant started = Instant.now();
			created = this.meetings.create(this.hostId, create("Made during an outage"));
			answers.add(Duration.between(started, Instant.now()));
			for (String title : List.of("Renamed once", "Renamed twice")) {
				started = Instant.now();
				this.meetings.update(created.id(), this.hostId,
						new MeetingRequests.Update(title, null, null, null, null));
				answers.add(Duration.between(started, Instant.now()));
			}
			assertThat(this.jdbc.sql("SELECT count(*) FROM meetings WHERE id = :id")
				.param("id", created.id())
				.query(Integer.class)
				.single()).isOne();
			// past the age at which the retry job resubmits incomplete publications,
			// which
			// must not queue copies of those in flight
			Thread.sleep(OUTAGE_PAST_RETRY_AGE);
			assertThat(gauge("meet.outbox.backlog")).as("the outbox's backlog, seen in its metrics")
				.isGreaterThanOrEqualTo(3);
			assertThat(gauge("meet.outbox.oldest.age")).as("how long its oldest event waited")
				.isGreaterThan(OUTAGE_PAST_RETRY_AGE.toSeconds() - 6);
		}
		finally {
			SharedInfrastructure.get().kafka().start();
		}
		assertThat(answers).as("no write waits on the broker")
			.allSatisfy((answer) -> assertThat(answer).isLessThan(Duration.ofSeconds(5)));

		List<ConsumerRecord<String, String>> published = consumeUntil(created.id().toString(),
				(record) -> record.value().contains("Renamed twice"));

		assertThat(published).extracting((record) -> header(record, "ce_type"))
			.containsExactly("meet.meeting.created", "meet.meeting.updated", "meet.meeting.updated");
		assertThat(consumeFor(created.id().toString(), Duration.ofSeconds(5))).as("no copies of events in flight")
			.isEmpty();
		ConsumerRecord<String, String> event = published.getFirst();
		assertThat(header(event, "ce_subject")).isEqualTo(created.id().toString());
		assertThat(header(event, "ce_source")).isEqualTo("meeting-service");
		assertThat(header(event, "ce_specversion")).isEqualTo("1.0");
		assertThat(event.value()).contains("\"title\":\"Made during an outage\"");
		assertThat(published.get(1).value()).contains("Renamed once");
		Instant deadline = Instant.now().plus(PATIENCE);
		while (gauge("meet.outbox.backlog") != 0) {
			assertThat(Instant.now()).as("the outbox's backlog back to nothing").isBefore(deadline);
			sleep();
		}
		assertThat(gauge("meet.outbox.oldest.age")).isZero();
	}

	private double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

	@Test
	void anUpdateThatChangesNothingWritesAndAnnouncesNothing() {
		MeetingResponse created = this.meetings.create(this.hostId, create("Left as it is"));
		Instant stored = lastChange(created.id());
		this.meetings.update(created.id(), this.hostId, new MeetingRequests.Update(null, null, null, null, null));
		this.meetings.update(created.id(), this.hostId,
				new MeetingRequests.Update("Left as it is", null, null, created.maxUsers(), null));
		assertThat(lastChange(created.id())).isEqualTo(stored);
		this.meetings.update(created.id(), this.hostId, new MeetingRequests.Update("Renamed", null, null, null, null));

		List<ConsumerRecord<String, String>> published = consumeUntil(created.id().toString(),
				(record) -> record.value().contains("Renamed"));

		assertThat(published).extracting((record) -> header(record, "ce_type"))
			.containsExactly("meet.meeting.created", "meet.meeting.updated");
	}

	/**
	 * Sent again from the outbox (as after a stop between the send and its record), an
	 * event keeps its id, and its record continues the trace the change was made in: the
	 * trace context is stored with the event.
	 */
	@Test
	void aRedeliveredEventKeepsItsCeIdAndItsTrace() {
		Span request = this.tracer.nextSpan().name("a request").start();
		MeetingResponse created;
		try (Tracer.SpanInScope scope = this.tracer.withSpan(request)) {
			created = this.meetings.create(this.hostId, create("Sent twice"));
		}
		finally {
			request.end();
		}
		String traceId = request.context().traceId();
		String key = created.id().toString();
		ConsumerRecord<String, String> first = consumeUntil(key, (record) -> true).getFirst();
		awaitCompletedPublication(key);

		// as if the service had stopped after sending but before marking the event sent
		this.jdbc.sql("""
				UPDATE event_publication SET completion_date = NULL, status = 'FAILED',
					publication_date = publication_date - interval '1 minute'
				WHERE serialized_event LIKE :key
				""").param("key", "%" + key + "%").update();

		ConsumerRecord<String, String> again = consumeUntil(key, (record) -> true).getFirst();
		assertThat(again.offset()).isGreaterThan(first.offset());
		assertThat(header(again, "ce_id")).isEqualTo(header(first, "ce_id"));
		assertThat(again.value()).isEqualTo(first.value());
		assertThat(List.of(header(first, "traceparent"), header(again, "traceparent")))
			.allSatisfy((traceparent) -> assertThat(traceparent).startsWith("00-" + traceId + "-"));
	}

	private Instant lastChange(UUID meetingId) {
		return this.jdbc.sql("SELECT updated_at FROM meetings WHERE id = :id")
			.param("id", meetingId)
			.query(Instant.class)
			.single();
	}

	private void awaitCompletedPublication(String key) {
		Instant deadline = Instant.now().plus(PATIENCE);
		while (this.jdbc
			.sql("SELECT count(*) FROM event_publication WHERE serialized_event LIKE :key"
					+ " AND completion_date IS NOT NULL")
			.param("key", "%" + key + "%")
			.query(Integer.class)
			.single() == 0) {
			assertThat(Instant.now()).as("publication of %s completed", key).isBefore(deadline);
			sleep();
		}
	}

	/**
	 * The records with the key from now on, up to the first that matches.
	 */
	private List<ConsumerRecord<String, String>> consumeUntil(String key,
			Predicate<ConsumerRecord<String, String>> last) {
		List<ConsumerRecord<String, String>> seen = new ArrayList<>();
		Instant deadline = Instant.now().plus(PATIENCE);
		while (Instant.now().isBefore(deadline)) {
			for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(500))) {
				if (key.equals(record.key())) {
					seen.add(record);
					if (last.test(record)) {
						return seen;
					}
				}
			}
		}
		throw new AssertionError("No matching event for " + key + " within " + PATIENCE + "; saw " + seen);
	}

	/** Every record of the key published within the time. */
	private List<ConsumerRecord<String, String>> consumeFor(String key, Duration time) {
		List<ConsumerRecord<String, String>> seen = new ArrayList<>();
		Instant deadline = Instant.now().plus(time);
		while (Instant.now().isBefore(deadline)) {
			for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(500))) {
				if (key.equals(record.key())) {
					seen.add(record);
				}
			}
		}
		return seen;
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : "";
	}

	private static MeetingRequests.Create create(String title) {
		return new MeetingRequests.Create(title, null, null, null, null);
	}

	private static void sleep() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
