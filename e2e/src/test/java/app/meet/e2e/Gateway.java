package app.meet.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A client of the stack, as the frontend is: through the gateway, JSON in and out. */
final class Gateway {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String baseUrl;

	private final HttpClient http;

	Gateway(String baseUrl) {
		this(baseUrl, HTTP);
	}

	private Gateway(String baseUrl, HttpClient http) {
		this.baseUrl = baseUrl;
		this.http = http;
	}

	/**
	 * The same server, called from another loopback address ({@code 127.0.0.2} and so
	 * on), as a client elsewhere would.
	 */
	Gateway from(String loopbackAddress) {
		try {
			return new Gateway(this.baseUrl.replace("//localhost:", "//127.0.0.1:"),
					HttpClient.newBuilder()
						.connectTimeout(Duration.ofSeconds(2))
						.localAddress(InetAddress.getByName(loopbackAddress))
						.build());
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	String baseUrl() {
		return this.baseUrl;
	}

	HttpResponse<String> get(String path, String accessToken) {
		return send(request(path, accessToken).GET().build());
	}

	HttpResponse<String> post(String path, String accessToken, Object body) {
		return send(request(path, accessToken).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build());
	}

	HttpResponse<String> send(HttpRequest request) {
		return send(request, HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<byte[]> sendBytes(HttpRequest request) {
		return send(request, HttpResponse.BodyHandlers.ofByteArray());
	}

	HttpResponse<InputStream> sendStream(HttpRequest request) {
		return send(request, HttpResponse.BodyHandlers.ofInputStream());
	}

	private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
		try {
			return this.http.send(request, body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpRequest.Builder request(String path, String accessToken) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(20));
		if (accessToken != null) {
			builder.header("Authorization", "Bearer " + accessToken);
		}
		return builder;
	}

	/** Registers a fresh account and returns the answer (user and tokens). */
	JsonNode register() {
		String handle = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		HttpResponse<String> response = post("/api/auth/register", null, Map.of("email", handle + "@example.com",
				"username", handle, "password", "correct horse battery", "name", "User " + handle));
		if (response.statusCode() != 201) {
			throw new IllegalStateException("register answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	/** A problem+json answer with this status and, unless {@code null}, this code. */
	static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		if (code != null) {
			assertThat(json(response).get("code").asString()).isEqualTo(code);
		}
	}

}
