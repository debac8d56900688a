package app.meet.chat.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * chat-service's settings.
 *
 * @param attachmentBucket the bucket chat-service owns for attachments
 * @param membershipWait how long a request of someone who has just joined waits for the
 * join to arrive from meeting-service before it is refused
 * @param heartbeat how often an idle live stream gets a comment line
 * @param subscriberBacklog events a slow subscriber may fall behind before its stream is
 * closed (it reconnects with {@code Last-Event-ID} and misses nothing)
 * @param reconcileInterval how often each meeting with subscribers on this instance is
 * checked for events whose notice never arrived
 */
@ConfigurationProperties("meet.chat")
@Validated
public record ChatProperties(@DefaultValue("chat-attachments") @NotBlank String attachmentBucket,
		@DefaultValue("3s") @NotNull Duration membershipWait, @DefaultValue("15s") @NotNull Duration heartbeat,
		@DefaultValue("10000") @Min(10) int subscriberBacklog,
		@DefaultValue("2s") @NotNull Duration reconcileInterval) {

}
