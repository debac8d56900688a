package app.meet.recording.config;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * recording-service's settings.
 *
 * @param bucket the bucket recording-service owns
 * @param partSize staged chunks are sent to the object store as one multipart part once
 * they add up to this much (S3 wants at least 5 MiB for every part but the last)
 * @param maxChunkSize the largest chunk a client may upload
 * @param idleTimeout a recording that receives nothing for this long is finished
 * @param idleCheckInterval how often recordings are checked for idleness
 * @param membershipWait how long a request of someone who has just joined waits for the
 * join to arrive from meeting-service before it is refused
 */
@ConfigurationProperties("meet.recording")
@Validated
public record RecordingProperties(@DefaultValue("recordings") @NotBlank String bucket,
		@DefaultValue("5MB") @NotNull DataSize partSize, @DefaultValue("16MB") @NotNull DataSize maxChunkSize,
		@DefaultValue("10m") @NotNull Duration idleTimeout, @DefaultValue("30s") @NotNull Duration idleCheckInterval,
		@DefaultValue("3s") @NotNull Duration membershipWait) {

}
