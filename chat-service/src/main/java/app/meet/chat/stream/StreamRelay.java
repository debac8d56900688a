package app.meet.chat.stream;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells every chat-service instance of each committed stream event, through Redis pub/sub
 * ({@link StreamConfiguration} delivers the notices to the {@link StreamHub}). A notice
 * can be lost, since pub/sub delivers at most once; the hub then finds the event in the
 * {@link StreamLog} by the gap it leaves or by its periodic check.
 */
@Component
class StreamRelay {

	private static final Logger log = LoggerFactory.getLogger(StreamRelay.class);

	static final String CHANNEL = "meet:chat:stream";

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	StreamRelay(StringRedisTemplate redis, JsonMapper json) {
		this.redis = redis;
		this.json = json;
	}

	void announce(StreamEvent event) {
		try {
			this.redis.convertAndSend(CHANNEL, this.json.writeValueAsString(event));
		}
		catch (RuntimeException ex) {
			log.warn("Could not announce stream event {} of meeting {}; subscribers catch up from the log: {}",
					event.seq(), event.meetingId(), ex.getMessage());
		}
	}

	StreamEvent read(Message notice) {
		return this.json.readValue(new String(notice.getBody(), StandardCharsets.UTF_8), StreamEvent.class);
	}

}
