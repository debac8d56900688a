package app.meet.gateway.limits;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Requests allowed per minute, counted in Redis so that every gateway instance shares the
 * count.
 *
 * @param perUser for each signed-in user ({@code RATE_LIMIT_PER_USER})
 * @param perAddress for each client address ({@code RATE_LIMIT_PER_ADDRESS})
 */
@ConfigurationProperties("meet.gateway.rate-limit")
@Validated
public record RateLimitProperties(@DefaultValue("600") @Min(1) int perUser,
		@DefaultValue("1200") @Min(1) int perAddress) {

}
