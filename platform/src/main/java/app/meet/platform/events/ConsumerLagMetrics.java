package app.meet.platform.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import app.meet.platform.metrics.PolledMetrics;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * How far behind this service's consumer groups are, per group and topic:
 * {@code meet_kafka_consumer_lag_records}, the records published and not yet committed by
 * the group (a partition it never committed counts from offset zero). Asked of the
 * broker, not of the consumers, so it grows while a group's consumers are stuck or gone.
 * Also registers {@code meet_events_dead_lettered_total} at zero for every topic
 * consumed, so that it exists before the first record goes to a dead-letter topic.
 */
class ConsumerLagMetrics extends PolledMetrics {

	private static final Duration ASK_WITHIN = Duration.ofSeconds(5);

	private final KafkaAdmin kafka;

	private final KafkaListenerEndpointRegistry listeners;

	private final MeterRegistry meters;

	private final Map<Group, Double> lags = new ConcurrentHashMap<>();

	private final Map<String, Set<String>> topicsByGroup = new HashMap<>();

	private volatile Admin admin;

	ConsumerLagMetrics(KafkaAdmin kafka, KafkaListenerEndpointRegistry listeners, MeterRegistry meters) {
		super("consumer-lag-metrics", Duration.ofSeconds(10));
		this.kafka = kafka;
		this.listeners = listeners;
		this.meters = meters;
	}

	/** Once the listeners are registered: their groups and topics are those measured. */
	@Override
	public void start() {
		if (this.topicsByGroup.isEmpty()) {
			register();
		}
		this.admin = Admin.create(this.kafka.getConfigurationProperties());
		super.start();
	}

	private void register() {
		for (MessageListenerContainer container : this.listeners.getListenerContainers()) {
			String[] topics = container.getContainerProperties().getTopics();
			if (container.getGroupId() != null && topics != null) {
				this.topicsByGroup.computeIfAbsent(container.getGroupId(), (group) -> new TreeSet<>())
					.addAll(Set.of(topics));
			}
		}
		this.topicsByGroup.forEach((group, topics) -> topics.forEach((topic) -> {
			Group key = new Group(group, topic);
			this.lags.put(key, Double.NaN);
			Gauge.builder("meet.kafka.consumer.lag", this.lags, (lags) -> lags.getOrDefault(key, Double.NaN))
				.tags("group", group, "topic", topic)
				.baseUnit("records")
				.description("Records published and not yet committed by the consumer group")
				.register(this.meters);
			this.meters.counter("meet.events.dead.lettered", "topic", topic);
		}));
	}

	@Override
	protected void poll() throws Exception {
		for (Map.Entry<String, Set<String>> group : this.topicsByGroup.entrySet()) {
			poll(group.getKey(), group.getValue());
		}
	}

	private void poll(String group, Set<String> topics) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get(ASK_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
		Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
		for (TopicDescription topic : this.admin.describeTopics(topics)
			.allTopicNames()
			.get(ASK_WITHIN.toMillis(), TimeUnit.MILLISECONDS)
			.values()) {
			topic.partitions()
				.forEach((partition) -> partitions.put(new TopicPartition(topic.name(), partition.partition()),
						OffsetSpec.latest()));
		}
		Map<TopicPartition, ListOffsetsResultInfo> ends = this.admin.listOffsets(partitions)
			.all()
			.get(ASK_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
		Map<String, Double> lagByTopic = new HashMap<>();
		ends.forEach((partition, end) -> {
			OffsetAndMetadata done = committed.get(partition);
			long lag = Math.max(0, end.offset() - ((done != null) ? done.offset() : 0));
			lagByTopic.merge(partition.topic(), (double) lag, Double::sum);
		});
		topics.forEach((topic) -> this.lags.put(new Group(group, topic), lagByTopic.getOrDefault(topic, 0.0)));
	}

	@Override
	protected void unreadable() {
		this.lags.replaceAll((group, lag) -> Double.NaN);
	}

	@Override
	public void stop() {
		super.stop();
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(1));
		}
	}

	private record Group(String group, String topic) {
	}

}
