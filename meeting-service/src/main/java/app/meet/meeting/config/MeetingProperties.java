package app.meet.meeting.config;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * meeting-service's settings.
 *
 * @param emptyCheckInterval how often meetings left empty past their
 * {@code empty_timeout_seconds} are ended
 */
@ConfigurationProperties("meet.meeting")
@Validated
public record MeetingProperties(@DefaultValue("5s") @NotNull Duration emptyCheckInterval) {

}
