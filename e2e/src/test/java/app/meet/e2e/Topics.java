package app.meet.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the stack's Kafka topics as an outside consumer would. */
final class Topics {

	private Topics() {
	}

	/**
	 * A consumer of the topic in a group of its own, reading from now on; returns once
	 * its partitions are assigned, so nothing published after the call is missed.
	 */
	static KafkaConsumer<String, String> subscribe(String topic) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningStack.get().kafkaBootstrapServers());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties);
		consumer.subscribe(List.of(topic));
		Instant deadline = Instant.now().plusSeconds(30);
		while (consumer.assignment().isEmpty()) {
			assertThat(Instant.now()).as("partitions assigned").isBefore(deadline);
			consumer.poll(Duration.ofMillis(200));
		}
		// the end of each partition now, not when the consumer first fetches (the broker
		// may be away until after what the test waits for was published)
		consumer.assignment().forEach(consumer::position);
		return consumer;
	}

	/**
	 * Publishes the record again as it was (key, value, headers), as a redelivery would.
	 */
	static void publishAgain(ConsumerRecord<String, String> record) throws Exception {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningStack.get().kafkaBootstrapServers());
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
			producer
				.send(new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value(),
						record.headers()))
				.get();
		}
	}

	/** A header's value as text, or "" when absent. */
	static String header(ConsumerRecord<String, String> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : "";
	}

}
