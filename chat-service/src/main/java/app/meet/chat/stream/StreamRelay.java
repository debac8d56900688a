package app.meet.chat.stream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import app.meet.platform.tracing.TraceContext;

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
			this.redis.convertAndSend(CHANNEL,
					this.json.writeValueAsString(new Notice(event, Instant.now(), TraceContext.current())));
		}
		catch (RuntimeException ex) {
			log.warn("Could not announce stream event {} of meeting {}; subscribers catch up from the log: {}",
					event.seq(), event.meetingId(), ex.getMessage());
		}
	}

	Notice read(Message notice) {
		return this.json.readValue(new String(notice.getBody(), StandardCharsets.UTF_8), Notice.class);
	}

	/**
	 * A committed event, with when it was announced (to measure how late it reaches the
	 * streams) and the trace it was committed in, which its delivery on every instance
	 * continues.
	 */
	record Notice(StreamEvent event, Instant announcedAt, @Nullable TraceContext trace) {

	}

}
