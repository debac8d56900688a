package app.meet.e2e;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event the services published during the whole end-to-end run matches the event
 * catalogue (docs/asyncapi.yaml): its topic carries its type, its headers are the
 * CloudEvents attributes the catalogue names, its key is its subject, and its data
 * validates against the type's JSON Schema. Runs late, so that it reads what every other
 * test made the services publish (all but {@link GatewayEndToEndTests}, which stops the
 * stack), and first plays one meeting through that publishes every type the catalogue
 * lists.
 */
@Order(Integer.MAX_VALUE - 1)
class EventCatalogueEndToEndTests {

	private static final Path CATALOGUE = Path.of("..", "docs", "asyncapi.yaml");

	private static Gateway gateway;

	private static ObjectNode catalogue;

	@BeforeAll
	static void stack() throws IOException {
		gateway = new Gateway(RunningStack.get().gatewayUrl());
		catalogue = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(CATALOGUE.toFile());
	}

	@Test
	void everyPublishedEventMatchesTheCatalogue() {
		playOneMeetingThroughEveryEventType();
		Map<String, Map<String, String>> messagesByTopic = messagesByTopic();
		Set<String> catalogued = new TreeSet<>();
		messagesByTopic.values().forEach((messages) -> catalogued.addAll(messages.keySet()));
		assertThat(catalogued).hasSize(13);

		Map<String, JsonSchema> schemas = new HashMap<>();
		Set<String> seen = new TreeSet<>();
		List<String> mismatches = new ArrayList<>();
		int checked = 0;
		for (ConsumerRecord<String, String> record : everyRecord(messagesByTopic.keySet(), catalogued)) {
			checked++;
			String type = Topics.header(record, "ce_type");
			String message = messagesByTopic.get(record.topic()).get(type);
			String where = record.topic() + "@" + record.partition() + ":" + record.offset() + " " + type;
			if (message == null) {
				mismatches.add(where + ": a type the catalogue does not list on this topic");
				continue;
			}
			seen.add(type);
			if (!Topics.header(record, "ce_subject").equals(record.key())) {
				mismatches.add(where + ": key " + record.key() + " is not ce_subject");
			}
			validate(schemas, message + "/headers", headers(record), where, mismatches);
			validate(schemas, message + "/payload", readJson(record.value()), where, mismatches);
		}
		System.out.println("event catalogue: " + checked + " events checked, types seen: " + seen);
		assertThat(mismatches).isEmpty();
		assertThat(seen).as("every catalogued type was published and checked").isEqualTo(catalogued);
	}

	/**
	 * One meeting, start to end, whose calls make the services publish each type at least
	 * once.
	 */
	private static void playOneMeetingThroughEveryEventType() {
		JsonNode host = fromJson(gateway.register());
		String hostToken = host.get("access_token").asText();
		ok(gateway.send(gateway.request("/api/auth/me", hostToken)
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"Renamed Host\"}"))
			.build()));
		JsonNode meeting = fromJson(ok(gateway.post("/api/meetings", hostToken,
				Map.of("title", "Catalogue", "settings", Map.of("waiting_room_enabled", false)))));
		String meetingId = meeting.get("id").asText();
		String code = meeting.get("code").asText();
		ok(gateway.post("/api/meetings/join", hostToken, Map.of("code", code)));
		ok(gateway.send(gateway.request("/api/meetings/" + meetingId, hostToken)
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"Catalogue, renamed\"}"))
			.build()));
		JsonNode guest = fromJson(gateway.register());
		String guestId = guest.at("/user/id").asText();
		ok(gateway.post("/api/meetings/join", guest.get("access_token").asText(), Map.of("code", code)));
		ok(gateway.post("/api/meetings/" + meetingId + "/participants/" + guestId + "/mute", hostToken, Map.of()));
		ok(gateway.post("/api/meetings/" + meetingId + "/messages", hostToken, Map.of("content", "hello")));
		JsonNode recording = fromJson(
				ok(gateway.post("/api/meetings/" + meetingId + "/recordings", hostToken, Map.of())));
		ok(gateway.post("/api/recordings/" + recording.get("id").asText() + "/stop", hostToken, Map.of()));
		ok(gateway.post("/api/meetings/" + meetingId + "/participants/" + guestId + "/remove", hostToken, Map.of()));
		ok(gateway.post("/api/meetings/" + meetingId + "/end", hostToken, Map.of()));
	}

	/** The message of each type on each topic, as a JSON pointer into the catalogue. */
	private static Map<String, Map<String, String>> messagesByTopic() {
		Map<String, Map<String, String>> byTopic = new HashMap<>();
		catalogue.get("channels").forEach((channel) -> {
			Map<String, String> messages = new HashMap<>();
			channel.get("messages").forEach((reference) -> {
				String pointer = reference.get("$ref").asText().substring(1);
				messages.put(catalogue.at(pointer).get("name").asText(), "#" + pointer);
			});
			byTopic.put(channel.get("address").asText(), messages);
		});
		return byTopic;
	}

	/**
	 * Every record on the topics from the beginning, read until each catalogued type has
	 * arrived (the last ones are on their way from the outboxes) and the end of every
	 * partition as it was then.
	 */
	private static List<ConsumerRecord<String, String>> everyRecord(Set<String> topics, Set<String> types) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningStack.get().kafkaBootstrapServers());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-catalogue-" + UUID.randomUUID());
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
			List<TopicPartition> partitions = new ArrayList<>();
			topics.forEach((topic) -> consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.forEach((partition) -> partitions.add(new TopicPartition(topic, partition.partition()))));
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Set<String> seen = new TreeSet<>();
			Instant deadline = Instant.now().plusSeconds(30);
			while (!seen.containsAll(types) && Instant.now().isBefore(deadline)) {
				consumer.poll(Duration.ofMillis(500)).forEach((record) -> {
					records.add(record);
					seen.add(Topics.header(record, "ce_type"));
				});
			}
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			while (ends.entrySet().stream().anyMatch((end) -> consumer.position(end.getKey()) < end.getValue())
					&& Instant.now().isBefore(deadline)) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
		}
		return records;
	}

	private static void validate(Map<String, JsonSchema> schemas, String pointer, JsonNode instance, String where,
			List<String> mismatches) {
		JsonSchema schema = schemas.computeIfAbsent(pointer, (reference) -> {
			ObjectNode root = catalogue.deepCopy();
			root.put("$ref", reference);
			return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root);
		});
		Set<ValidationMessage> errors = schema.validate(instance);
		errors.forEach((error) -> mismatches.add(where + ": " + error.getMessage()));
	}

	private static JsonNode headers(ConsumerRecord<String, String> record) {
		ObjectNode headers = new ObjectMapper().createObjectNode();
		for (Header header : record.headers()) {
			headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		return headers;
	}

	private static JsonNode readJson(String json) {
		try {
			return new ObjectMapper().readTree(json);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode fromJson(tools.jackson.databind.JsonNode node) {
		return readJson(node.toString());
	}

	private static JsonNode fromJson(HttpResponse<String> response) {
		return readJson(response.body());
	}

	private static HttpResponse<String> ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
		return response;
	}

}
