package app.meet.auth.token;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The services that may call other services' internal endpoints, and their secrets.
 *
 * @param clients client id (the calling service's name) to its secret
 * @param tokenTtl how long a service token is valid
 */
@ConfigurationProperties("meet.auth.service")
public record ServiceClientProperties(@DefaultValue Map<String, String> clients,
		@DefaultValue("5m") Duration tokenTtl) {

}
