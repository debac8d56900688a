package app.meet.signaling.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Who is where, shared by every signaling instance through Redis: each meeting's admitted
 * peers and newest sockets, its screen sharer, its knocks, the instances alive, and the
 * participants who have no socket (candidate ghosts). Changes that race between instances
 * are compare-and-set on the socket's id.
 */
@Component
public class Directory {

	private static final String PREFIX = "meet:signaling:";

	private static final String MEETINGS = PREFIX + "meetings";

	private static final String ABSENT = PREFIX + "absent";

	/** Replaces or (with an empty value) removes a field that still names the socket. */
	private static final RedisScript<Long> COMPARE_AND_SET = RedisScript.of(
			"""
					local current = redis.call('HGET', KEYS[1], ARGV[1])
					if current and string.find(current, ARGV[2], 1, true) then
						if ARGV[3] == '' then redis.call('HDEL', KEYS[1], ARGV[1]) else redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) end
						return 1
					end
					return 0
					""",
			Long.class);

	private static final RedisScript<String> SWAP = RedisScript.of("""
			local previous = redis.call('HGET', KEYS[1], ARGV[1])
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			return previous
			""", String.class);

	private static final RedisScript<Long> DELETE_IF_EQUAL = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final Clock clock;

	Directory(StringRedisTemplate redis, JsonMapper json, Clock clock) {
		this.redis = redis;
		this.json = json;
		this.clock = clock;
	}

	/** Makes the peer the user's admitted socket; the one it replaces, if any. */
	public Optional<Peer> admit(UUID meetingId, Peer peer) {
		this.redis.opsForSet().add(MEETINGS, meetingId.toString());
		String previous = this.redis.execute(SWAP, List.of(peersKey(meetingId)), peer.userId().toString(), write(peer));
		return Optional.ofNullable(previous).map((value) -> this.json.readValue(value, Peer.class));
	}

	public Optional<Peer> peer(UUID meetingId, UUID userId) {
		Object value = this.redis.opsForHash().get(peersKey(meetingId), userId.toString());
		return Optional.ofNullable(value).map((peer) -> this.json.readValue((String) peer, Peer.class));
	}

	public List<Peer> peers(UUID meetingId) {
		List<Peer> peers = new ArrayList<>();
		this.redis.<String, String>opsForHash()
			.values(peersKey(meetingId))
			.forEach((value) -> peers.add(this.json.readValue(value, Peer.class)));
		return peers;
	}

	/** Replaces the user's peer if it is still the given socket. */
	public boolean replacePeer(UUID meetingId, UUID connection, Peer replacement) {
		return compareAndSet(peersKey(meetingId), replacement.userId(), connection, write(replacement));
	}

	/** Removes the user's peer if it is still the given socket. */
	public boolean removePeer(UUID meetingId, UUID userId, UUID connection) {
		return compareAndSet(peersKey(meetingId), userId, connection, "");
	}

	public void openSocket(UUID meetingId, UUID userId, Socket socket) {
		this.redis.opsForHash().put(socketsKey(meetingId), userId.toString(), write(socket));
	}

	public Optional<Socket> socket(UUID meetingId, UUID userId) {
		Object value = this.redis.opsForHash().get(socketsKey(meetingId), userId.toString());
		return Optional.ofNullable(value).map((socket) -> this.json.readValue((String) socket, Socket.class));
	}

	/** Forgets the user's newest socket if it is the given one. */
	public void closeSocket(UUID meetingId, UUID userId, UUID connection) {
		compareAndSet(socketsKey(meetingId), userId, connection, "");
	}

	public Optional<UUID> sharer(UUID meetingId) {
		return Optional.ofNullable(this.redis.opsForValue().get(sharingKey(meetingId))).map(UUID::fromString);
	}

	public void startSharing(UUID meetingId, UUID userId) {
		this.redis.opsForValue().set(sharingKey(meetingId), userId.toString());
	}

	/** Clears the sharer if it is the user; whether it was. */
	public boolean stopSharing(UUID meetingId, UUID userId) {
		return Long.valueOf(1)
			.equals(this.redis.execute(DELETE_IF_EQUAL, List.of(sharingKey(meetingId)), userId.toString()));
	}

	/**
	 * Remembers the knock unless the user's earlier one is remembered; whether it was
	 * new.
	 */
	public boolean rememberKnock(UUID meetingId, Knock knock) {
		return Boolean.TRUE
			.equals(this.redis.opsForHash().putIfAbsent(knocksKey(meetingId), knock.userId().toString(), write(knock)));
	}

	public Optional<Knock> knock(UUID meetingId, UUID userId) {
		Object value = this.redis.opsForHash().get(knocksKey(meetingId), userId.toString());
		return Optional.ofNullable(value).map((knock) -> this.json.readValue((String) knock, Knock.class));
	}

	public void forgetKnock(UUID meetingId, UUID userId) {
		this.redis.opsForHash().delete(knocksKey(meetingId), userId.toString());
	}

	/** Everything about an ended meeting. */
	public void forget(UUID meetingId) {
		this.redis
			.delete(List.of(peersKey(meetingId), socketsKey(meetingId), sharingKey(meetingId), knocksKey(meetingId)));
		this.redis.opsForSet().remove(MEETINGS, meetingId.toString());
	}

	/** The meetings that have, or recently had, admitted peers. */
	public Set<UUID> meetings() {
		Set<String> meetings = this.redis.opsForSet().members(MEETINGS);
		return (meetings != null) ? meetings.stream().map(UUID::fromString).collect(Collectors.toSet()) : Set.of();
	}

	public void forgetIfEmpty(UUID meetingId) {
		if (this.redis.opsForHash().size(peersKey(meetingId)) == 0) {
			this.redis.opsForSet().remove(MEETINGS, meetingId.toString());
		}
	}

	/** This instance is alive for {@code timeout} more. */
	public void renew(String node, Duration timeout) {
		this.redis.opsForValue().set(PREFIX + "node:" + node, "alive", timeout);
	}

	public boolean alive(String node) {
		return Boolean.TRUE.equals(this.redis.hasKey(PREFIX + "node:" + node));
	}

	/**
	 * The participant has no socket in the meeting; they are a ghost after the timeout.
	 */
	public void markAbsent(UUID meetingId, UUID userId, Duration timeout) {
		this.redis.opsForZSet().add(ABSENT, meetingId + ":" + userId, this.clock.millis() + timeout.toMillis());
	}

	public void clearAbsence(UUID meetingId, UUID userId) {
		this.redis.opsForZSet().remove(ABSENT, meetingId + ":" + userId);
	}

	/**
	 * Participants absent past their timeout, each claimed by exactly one caller.
	 */
	public List<Absence> claimGhosts() {
		Set<String> due = this.redis.opsForZSet().rangeByScore(ABSENT, 0, this.clock.millis());
		List<Absence> claimed = new ArrayList<>();
		if (due != null) {
			for (String entry : due) {
				Long removed = this.redis.opsForZSet().remove(ABSENT, entry);
				if (removed != null && removed == 1L) {
					String[] ids = entry.split(":");
					claimed.add(new Absence(UUID.fromString(ids[0]), UUID.fromString(ids[1])));
				}
			}
		}
		return claimed;
	}

	private boolean compareAndSet(String key, UUID userId, UUID connection, String value) {
		Long changed = this.redis.execute(COMPARE_AND_SET, List.of(key), userId.toString(), connection.toString(),
				value);
		return changed != null && changed == 1L;
	}

	private String write(Object value) {
		return this.json.writeValueAsString(value);
	}

	/** A participant without a socket in the meeting. */
	public record Absence(UUID meetingId, UUID userId) {
	}

	private static String peersKey(UUID meetingId) {
		return PREFIX + "peers:" + meetingId;
	}

	private static String socketsKey(UUID meetingId) {
		return PREFIX + "sockets:" + meetingId;
	}

	private static String sharingKey(UUID meetingId) {
		return PREFIX + "sharing:" + meetingId;
	}

	private static String knocksKey(UUID meetingId) {
		return PREFIX + "knocks:" + meetingId;
	}

}
