package app.meet.devstack.test;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * For tests of a service's Kafka consumers: records sent as another service's outbox
 * sends them (text keys and values), and a wait for their effects.
 */
public final class EventFeed {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private EventFeed() {
	}

	public static KafkaProducer<String, String> producer(String bootstrapServers) {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		return new KafkaProducer<>(properties);
	}

	/** Waits up to a minute for the condition, for example an event being applied. */
	public static void awaitApplied(BooleanSupplier condition) {
		Instant deadline = Instant.now().plus(PATIENCE);
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("The events were not applied within " + PATIENCE);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

}
