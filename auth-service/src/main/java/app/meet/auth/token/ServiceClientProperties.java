package app.meet.auth.token;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Meet's own services that get service tokens, and what their tokens may do.
 *
 * @param clients client id (the calling service's name) to its registration
 * @param tokenTtl how long a service token is valid
 * @param failuresPerAddress failed client authentications allowed from one address in
 * {@code failureWindow}; more are refused until the window ends
 * @param failureWindow the window failed client authentications are counted in
 * @param tokensPerMinute tokens one client may get in a minute (a client keeps its token
 * for most of its lifetime, so a handful is plenty)
 */
@ConfigurationProperties("meet.auth.service")
@Validated
public record ServiceClientProperties(@DefaultValue Map<String, @Valid Client> clients,
		@DefaultValue("5m") Duration tokenTtl, @DefaultValue("10") @Min(1) int failuresPerAddress,
		@DefaultValue("15m") Duration failureWindow, @DefaultValue("30") @Min(1) int tokensPerMinute) {

	/**
	 * @param secret what the client authenticates with: at least 16 characters
	 * @param scopes the scopes its tokens may carry, each opening the endpoints a service
	 * names for it and nothing else
	 */
	public record Client(@NotNull @Size(min = 16) String secret, @NotEmpty Set<String> scopes) {

	}

}
