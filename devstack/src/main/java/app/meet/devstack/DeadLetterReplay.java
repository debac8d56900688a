package app.meet.devstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Puts the records of a dead-letter topic ({@code <topic>.DLT}) back on the topic they
 * failed on, once the reason they failed is fixed: same key, value and headers, without
 * the {@code kafka_dlt-*} headers the dead-lettering added. It reads as consumer group
 * {@value #GROUP}, so each dead letter is put back once however often this runs; the
 * consumers apply each event once anyway (they remember the ids they applied).
 * <p>
 * {@code ./meet replay-dead-letters meeting.events.DLT} against the local stack;
 * elsewhere
 * {@code KAFKA_BOOTSTRAP_SERVERS=... java -cp "devstack/target/classes:devstack/target/kafka-lib/*" app.meet.devstack.DeadLetterReplay meeting.events.DLT}.
 */
public final class DeadLetterReplay {

	static final String GROUP = "meet-dead-letter-replay";

	static final String SUFFIX = ".DLT";

	private static final String DEAD_LETTER_HEADER_PREFIX = "kafka_dlt-";

	private static final Duration QUIET = Duration.ofSeconds(2);

	private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

	private DeadLetterReplay() {
	}

	public static void main(String[] args) {
		if (args.length != 1 || !args[0].endsWith(SUFFIX)) {
			System.err.println("usage: replay-dead-letters <topic>" + SUFFIX);
			System.exit(2);
		}
		String bootstrap = System.getenv()
			.getOrDefault("KAFKA_BOOTSTRAP_SERVERS",
					"127.0.0.1:" + System.getenv().getOrDefault("KAFKA_PORT", "59092"));
		int replayed = replay(bootstrap, args[0]);
		System.out.println("Put " + replayed + " record(s) from " + args[0] + " back on "
				+ args[0].substring(0, args[0].length() - SUFFIX.length()));
	}

	/**
	 * Puts every dead letter not put back before on its original topic.
	 * @return how many records were put back
	 */
	public static int replay(String bootstrapServers, String deadLetterTopic) {
		String original = deadLetterTopic.substring(0, deadLetterTopic.length() - SUFFIX.length());
		try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers);
				KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers)) {
			consumer.subscribe(List.of(deadLetterTopic));
			int replayed = 0;
			long joinDeadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
			while (true) {
				List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
				consumer.poll(QUIET).forEach(batch::add);
				if (batch.isEmpty()) {
					// done once the group has its partitions and nothing more comes
					if (!consumer.assignment().isEmpty() || System.nanoTime() > joinDeadline) {
						break;
					}
					continue;
				}
				Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
				for (ConsumerRecord<byte[], byte[]> record : batch) {
					producer.send(new ProducerRecord<>(originalTopic(record, original), null, record.key(),
							record.value(), withoutDeadLetterHeaders(record)));
					done.put(new TopicPartition(record.topic(), record.partition()),
							new OffsetAndMetadata(record.offset() + 1));
					replayed++;
				}
				producer.flush();
				consumer.commitSync(done);
			}
			return replayed;
		}
	}

	private static String originalTopic(ConsumerRecord<byte[], byte[]> record, String fallback) {
		Header topic = record.headers().lastHeader(DEAD_LETTER_HEADER_PREFIX + "original-topic");
		return (topic != null) ? new String(topic.value(), StandardCharsets.UTF_8) : fallback;
	}

	private static RecordHeaders withoutDeadLetterHeaders(ConsumerRecord<byte[], byte[]> record) {
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			if (!header.key().startsWith(DEAD_LETTER_HEADER_PREFIX)) {
				headers.add(header);
			}
		}
		return headers;
	}

	private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, GROUP + "-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
	}

}
