package app.meet.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What every Kafka listener does with a record it cannot apply. A failure that may pass
 * (the database or Redis unreachable, a timeout) is retried with a back-off doubling from
 * one second to five, for as long as it lasts: the record is never skipped, and the
 * consumer polls between tries, so it stays in its group. A record that can never succeed
 * (unreadable, invalid, of a type its topic does not carry:
 * {@link EventEnvelope.InvalidEventException}) goes to {@code <topic>.DLT} with its
 * headers and the exception, is counted ({@code meet.events.dead.lettered}) and logged
 * once at WARN with its event id; the records after it go on.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(DefaultErrorHandler.class)
public class ConsumerErrorsAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ConsumerErrorsAutoConfiguration.class);

	static final String DEAD_LETTER_SUFFIX = ".DLT";

	static final Duration FIRST_RETRY = Duration.ofSeconds(1);

	/**
	 * Short enough that every partition's consumer tries again within seconds of the
	 * database's return, not half a minute later.
	 */
	static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

	@Bean
	@ConditionalOnMissingBean(CommonErrorHandler.class)
	@ConditionalOnBean(ProducerFactory.class)
	DefaultErrorHandler consumerErrorHandler(ProducerFactory<?, ?> producers, MeterRegistry meters) {
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(
				Map.of(String.class, template(producers, StringSerializer.class), byte[].class,
						template(producers, ByteArraySerializer.class)),
				(record, failure) -> new TopicPartition(record.topic() + DEAD_LETTER_SUFFIX, -1));
		DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
			meters.counter("meet.events.dead.lettered", "topic", record.topic()).increment();
			log.warn("Event {} at {}-{}@{} can never be applied; it goes to {}: {}", eventId(record), record.topic(),
					record.partition(), record.offset(), record.topic() + DEAD_LETTER_SUFFIX, rootMessage(failure));
			deadLetters.accept(record, failure);
		}, backOff());
		handler.setLogLevel(KafkaException.Level.DEBUG);
		handler.addNotRetryableExceptions(JacksonException.class, EventEnvelope.InvalidEventException.class,
				IllegalArgumentException.class, NullPointerException.class, DataIntegrityViolationException.class,
				ClassCastException.class);
		handler.setRetryListeners(new RetryListener() {

			@Override
			public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int attempt) {
				meters.counter("meet.events.retries", "topic", record.topic()).increment();
				// the first failure and then every doubling, so that a long outage is
				// seen
				// without a line per try
				if (Integer.bitCount(attempt) == 1) {
					log.warn("Event {} at {}-{}@{} could not be applied (attempt {}); retrying: {}", eventId(record),
							record.topic(), record.partition(), record.offset(), attempt, rootMessage(failure));
				}
			}

		});
		return handler;
	}

	/** One second doubling to five, without end. */
	static ExponentialBackOff backOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(FIRST_RETRY.toMillis(), 2.0);
		backOff.setMaxInterval(LONGEST_RETRY.toMillis());
		return backOff;
	}

	@SuppressWarnings("unchecked")
	private static KafkaOperations<Object, Object> template(ProducerFactory<?, ?> producers, Class<?> valueSerializer) {
		return new KafkaTemplate<>((ProducerFactory<Object, Object>) producers,
				Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer));
	}

	private static String eventId(ConsumerRecord<?, ?> record) {
		Header id = record.headers().lastHeader(EventEnvelope.ID_HEADER);
		return (id != null) ? new String(id.value(), StandardCharsets.UTF_8) : "(no ce_id)";
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
