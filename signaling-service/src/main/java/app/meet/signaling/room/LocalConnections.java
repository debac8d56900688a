package app.meet.signaling.room;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** The sockets this instance holds, by id, by meeting and by user. */
@Component
class LocalConnections {

	private final Map<UUID, Connection> byId = new ConcurrentHashMap<>();

	private final Map<UUID, Set<Connection>> byMeeting = new ConcurrentHashMap<>();

	private final Map<UUID, Set<Connection>> byUser = new ConcurrentHashMap<>();

	LocalConnections(MeterRegistry meters) {
		Gauge.builder("meet.signaling.sockets", this.byId, Map::size)
			.description("Signaling sockets open on this instance")
			.register(meters);
	}

	void add(Connection connection) {
		this.byId.put(connection.id(), connection);
		this.byMeeting.computeIfAbsent(connection.meetingId(), (id) -> ConcurrentHashMap.newKeySet()).add(connection);
		this.byUser.computeIfAbsent(connection.userId(), (id) -> ConcurrentHashMap.newKeySet()).add(connection);
	}

	void remove(Connection connection) {
		this.byId.remove(connection.id());
		this.byMeeting.computeIfPresent(connection.meetingId(), (id, connections) -> {
			connections.remove(connection);
			return connections.isEmpty() ? null : connections;
		});
		this.byUser.computeIfPresent(connection.userId(), (id, connections) -> {
			connections.remove(connection);
			return connections.isEmpty() ? null : connections;
		});
	}

	/** How many sockets the user has open on this instance, in any meeting. */
	int countOf(UUID userId) {
		Set<Connection> connections = this.byUser.get(userId);
		return (connections != null) ? connections.size() : 0;
	}

	Optional<Connection> get(UUID id) {
		return Optional.ofNullable(this.byId.get(id));
	}

	List<Connection> of(UUID meetingId) {
		Set<Connection> connections = this.byMeeting.get(meetingId);
		return (connections != null) ? List.copyOf(connections) : List.of();
	}

	List<Connection> of(UUID meetingId, UUID userId) {
		return of(meetingId).stream().filter((connection) -> connection.userId().equals(userId)).toList();
	}

	Collection<Connection> all() {
		return this.byId.values();
	}

}
