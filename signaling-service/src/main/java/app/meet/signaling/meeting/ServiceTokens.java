package app.meet.signaling.meeting;

import java.time.Clock;
import java.time.Instant;

import tools.jackson.databind.JsonNode;

import app.meet.signaling.config.SignalingProperties;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * This service's own access token for other services' {@code /internal/**} endpoints: a
 * client-credentials token from auth-service, renewed a minute before it expires.
 */
@Component
class ServiceTokens {

	private static final String CLIENT_ID = "signaling-service";

	private final RestClient auth;

	private final Clock clock;

	private String token;

	private Instant renewAt = Instant.MIN;

	ServiceTokens(RestClient.Builder builder, SignalingProperties properties, Clock clock) {
		this.auth = MeetingServiceCalls.withTimeouts(builder, properties.calls())
			.baseUrl(properties.authServiceUrl().toString())
			.defaultHeaders((headers) -> headers.setBasicAuth(CLIENT_ID, properties.clientSecret()))
			.build();
		this.clock = clock;
	}

	synchronized String current() {
		Instant now = this.clock.instant();
		if (now.isAfter(this.renewAt)) {
			JsonNode answer = this.auth.post()
				.uri("/oauth2/token")
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body("grant_type=client_credentials")
				.retrieve()
				.body(JsonNode.class);
			this.token = answer.path("access_token").asString();
			this.renewAt = now.plusSeconds(Math.max(0, answer.path("expires_in").asLong() - 60));
		}
		return this.token;
	}

}
