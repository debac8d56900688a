package app.meet.platform.web;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Filter;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.meet.platform.json.JsonConventionsAutoConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a real Tomcat answers by itself, on a socket: problem+json instead of its HTML
 * error page, and no refusal of a request for its number of headers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// the development profile, as every test: the shared defaults' credentials have values
// there
@ActiveProfiles("dev")
@ImportAutoConfiguration({ JacksonAutoConfiguration.class, JsonConventionsAutoConfiguration.class,
		TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
		WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class, ServletConventionsAutoConfiguration.class })
@Import({ TomcatConventionsTests.SampleApplication.class, TomcatConventionsTests.SampleController.class })
class TomcatConventionsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	void anExpectationTomcatCannotMeetIsAProblemWithTheRequestId() throws IOException {
		String response = exchange("GET /sample HTTP/1.1\r\nHost: localhost\r\nExpect: teapot\r\n"
				+ "X-Request-ID: expect-1\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 417 ")
			.containsIgnoringCase("content-type: application/problem+json")
			.containsIgnoringCase("x-request-id: expect-1")
			.doesNotContain("<html");
		JsonNode problem = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
		assertThat(problem.get("status").asInt()).isEqualTo(417);
		assertThat(problem.get("title").asString()).isEqualTo("Expectation Failed");
		assertThat(problem.get("request_id").asString()).isEqualTo("expect-1");
	}

	@Test
	void aRequestWithManyHeadersIsServed() throws IOException {
		StringBuilder headers = new StringBuilder();
		for (int i = 0; i < 300; i++) {
			headers.append("X-Header-").append(i).append(": v\r\n");
		}
		String response = exchange(
				"GET /sample HTTP/1.1\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("sample");
	}

	@Test
	void aFilterWhoseServerIsUnreachableAnswers503WithRetryAfter() throws IOException {
		String response = exchange("GET /sample/guarded HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 503 ")
			.containsIgnoringCase("retry-after: 5")
			.containsIgnoringCase("content-type: application/problem+json")
			.doesNotContain("6379");
		// the body is chunked: the one chunk holds the problem
		JsonNode problem = JSON.readTree(response.substring(response.indexOf('{'), response.lastIndexOf('}') + 1));
		assertThat(problem.get("code").asString()).isEqualTo("service-unavailable");
	}

	private String exchange(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@SpringBootConfiguration
	static class SampleApplication {

		/** As the token denylist check does when Redis is away. */
		@Bean
		FilterRegistrationBean<Filter> guardedByRedis() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
				throw new DataAccessResourceFailureException("Unable to connect to Redis at 127.0.0.1:6379");
			});
			registration.addUrlPatterns("/sample/guarded");
			return registration;
		}

	}

	@RestController
	static class SampleController {

		@GetMapping("/sample")
		String sample() {
			return "sample";
		}

	}

}
