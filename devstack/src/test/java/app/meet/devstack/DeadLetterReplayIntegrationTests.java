package app.meet.devstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import app.meet.devstack.test.SharedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterReplayIntegrationTests {

	private final String bootstrapServers = SharedInfrastructure.get().kafka().bootstrapServers();

	@Test
	void deadLettersGoBackOnTheirTopicOnceWithTheirHeadersButNotTheDeadLetterOnes() throws Exception {
		String topic = "replay-" + UUID.randomUUID() + ".events";
		RecordHeaders headers = new RecordHeaders();
		headers.add("ce_id", "event-1".getBytes(StandardCharsets.UTF_8));
		headers.add("kafka_dlt-original-topic", topic.getBytes(StandardCharsets.UTF_8));
		headers.add("kafka_dlt-exception-message", "boom".getBytes(StandardCharsets.UTF_8));
		try (KafkaProducer<String, String> producer = producer()) {
			producer.send(new ProducerRecord<>(topic + ".DLT", null, "meeting-1", "{\"a\":1}", headers)).get();
			producer.send(new ProducerRecord<>(topic + ".DLT", "meeting-2", "{\"b\":2}")).get();
		}

		assertThat(DeadLetterReplay.replay(this.bootstrapServers, topic + ".DLT")).isEqualTo(2);
		assertThat(DeadLetterReplay.replay(this.bootstrapServers, topic + ".DLT")).as("each once").isZero();

		List<ConsumerRecord<String, String>> replayed = readAll(topic, 2);
		assertThat(replayed).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("meeting-1", "meeting-2");
		ConsumerRecord<String, String> first = replayed.stream()
			.filter((record) -> record.key().equals("meeting-1"))
			.findFirst()
			.orElseThrow();
		assertThat(first.value()).isEqualTo("{\"a\":1}");
		assertThat(new String(first.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8))
			.isEqualTo("event-1");
		assertThat(first.headers()).noneMatch((header) -> header.key().startsWith("kafka_dlt-"));
	}

	private List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (records.size() < expected && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
			consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
		}
		return records;
	}

	private KafkaProducer<String, String> producer() {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
	}

}
