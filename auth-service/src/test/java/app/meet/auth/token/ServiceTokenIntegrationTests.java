package app.meet.auth.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.meet.devstack.test.EmbeddedInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client-credentials grant for Meet's own services, on the real Redis its throttles
 * count in: the right secret gets the scopes asked for (all of the client's when it names
 * none), anything more or another grant is refused, and an address that keeps failing is
 * turned away for a while, even with the right secret.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "meet.auth.service.failures-per-address=3")
@EmbeddedInfrastructure
class ServiceTokenIntegrationTests {

	private static final String CLIENT = "signaling-service";

	private static final String SECRET = "signaling-service-dev-secret";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Value("${local.server.port}")
	private int port;

	@Autowired
	private StringRedisTemplate redis;

	@BeforeEach
	@AfterEach
	void forgetTheCounts() {
		Set<String> counts = this.redis.keys("meet:service-tokens:*");
		if (counts != null && !counts.isEmpty()) {
			this.redis.delete(counts);
		}
	}

	@Test
	void theRightSecretGetsAShortLivedTokenWithTheScopesAskedFor() throws Exception {
		HttpResponse<String> response = token(basic(CLIENT, SECRET),
				"grant_type=client_credentials&scope=meeting.admissions");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.get("scope").asString()).isEqualTo("meeting.admissions");
		assertThat(body.get("expires_in").asLong()).isEqualTo(300);
		JsonNode claims = this.json
			.readTree(Base64.getUrlDecoder().decode(body.get("access_token").asString().split("\\.")[1]));
		assertThat(claims.get("sub").asString()).isEqualTo(CLIENT);
		assertThat(claims.get("scope").asString()).isEqualTo("meeting.admissions");
	}

	@Test
	void noScopeAsksForEveryScopeOfTheClient() throws Exception {
		HttpResponse<String> response = token(basic(CLIENT, SECRET), "grant_type=client_credentials");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(response.body()).get("scope").asString())
			.isEqualTo("meeting.admissions meeting.participants");
	}

	@Test
	void aScopeOfAnotherClientOrAnotherGrantIsRefused() throws Exception {
		HttpResponse<String> scope = token(basic(CLIENT, SECRET),
				"grant_type=client_credentials&scope=gateway.forwarding");
		HttpResponse<String> grant = token(basic(CLIENT, SECRET), "grant_type=password");

		assertThat(scope.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(scope.body()).get("code").asString()).isEqualTo("invalid_scope");
		assertThat(grant.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(grant.body()).get("code").asString()).isEqualTo("unsupported_grant_type");
	}

	@Test
	void anAddressThatKeepsFailingIsTurnedAwayEvenWithTheRightSecret() throws Exception {
		for (String wrong : new String[] { basic(CLIENT, "not-the-secret-at-all"), basic("nobody", SECRET),
				"Basic not-base64!" }) {
			HttpResponse<String> refused = token(wrong, "grant_type=client_credentials");
			assertThat(refused.statusCode()).isEqualTo(401);
			assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"meet\"");
			assertThat(this.json.readTree(refused.body()).get("code").asString()).isEqualTo("invalid_client");
		}

		HttpResponse<String> turnedAway = token(basic(CLIENT, SECRET), "grant_type=client_credentials");

		assertThat(turnedAway.statusCode()).isEqualTo(429);
		assertThat(turnedAway.headers().firstValue("Retry-After")).hasValueSatisfying(
				(seconds) -> assertThat(Long.parseLong(seconds)).isPositive().isLessThanOrEqualTo(15 * 60));
	}

	private HttpResponse<String> token(String authorization, String form) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/oauth2/token"))
			.header("Authorization", authorization)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String basic(String client, String secret) {
		return "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

}
