package app.meet.platform.web;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import app.meet.platform.json.JsonConventionsAutoConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest
// the development profile, as every test: the shared defaults' credentials have values
// there
@ActiveProfiles("dev")
@ImportAutoConfiguration({ JsonConventionsAutoConfiguration.class, ServletConventionsAutoConfiguration.class })
@Import({ ServletConventionsTests.SampleApplication.class, ServletConventionsTests.SampleController.class })
class ServletConventionsTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void writesSnakeCaseJsonAndStampsTheRequestId() throws Exception {
		this.mvc.perform(get("/sample").header("X-Request-ID", "client-id-1"))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Request-ID", "client-id-1"))
			.andExpect(jsonPath("$.display_name").value("Ann Lee"))
			.andExpect(jsonPath("$.avatar_url").value(""));
	}

	@Test
	void readsSnakeCaseJson() throws Exception {
		this.mvc
			.perform(post("/sample").contentType(MediaType.APPLICATION_JSON)
				.content("{\"display_name\":\"Bob\",\"email\":\"bob@example.com\",\"unknown_field\":1}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.display_name").value("Bob"));
	}

	@Test
	void answersInvalidFieldsWithAProblemNamingEachOne() throws Exception {
		this.mvc
			.perform(post("/sample").contentType(MediaType.APPLICATION_JSON)
				.content("{\"display_name\":\"\",\"email\":\"not-an-email\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("validation-failed"))
			.andExpect(jsonPath("$.error").value("Bad Request"))
			.andExpect(jsonPath("$.message").isString())
			.andExpect(jsonPath("$.request_id").isString())
			.andExpect(jsonPath("$.errors[?(@.field == 'display_name')].message").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'email')].message").exists());
	}

	@Test
	void answersAPathVariableParameterOrHeaderOfTheWrongTypeNamingTheFieldAndItsType() throws Exception {
		String id = UUID.randomUUID().toString();
		this.mvc.perform(get("/sample/not-a-uuid/page"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("validation-failed"))
			.andExpect(jsonPath("$.errors[0].field").value("id"))
			.andExpect(jsonPath("$.errors[0].message").value("must be a UUID"));
		this.mvc.perform(get("/sample/" + id + "/page").param("pageSize", "ten"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("page_size"))
			.andExpect(jsonPath("$.errors[0].message").value("must be a whole number"));
		this.mvc.perform(get("/sample/" + id + "/page").header("Last-Event-ID", "x"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("Last-Event-ID"));
		this.mvc.perform(get("/sample/" + id + "/page")).andExpect(status().isOk());
	}

	@Test
	void readsWholeNumbersAndUuidsOnlyAsTheyAreWritten() throws Exception {
		String page = "/sample/" + UUID.randomUUID() + "/page";
		for (String notDecimal : List.of("0x1f", "#1f", "+5", "\uFF15", "1e3", "5.0", " 5", "-", "99999999999")) {
			this.mvc.perform(get(page).param("pageSize", notDecimal))
				.andExpect((result) -> assertThat(result.getResponse().getStatus()).as(notDecimal).isEqualTo(400))
				.andExpect(jsonPath("$.errors[0].field").value("page_size"))
				.andExpect(jsonPath("$.errors[0].message").value("must be a whole number"));
		}
		for (String notAUuid : List.of("1-2-3-4-5", UUID.randomUUID().toString().replace('a', '\uFF41') + "0",
				"%7B" + UUID.randomUUID() + "%7D", UUID.randomUUID().toString().replace("-", ""))) {
			this.mvc.perform(get("/sample/" + notAUuid + "/page"))
				.andExpect((result) -> assertThat(result.getResponse().getStatus()).as(notAUuid).isEqualTo(400))
				.andExpect(jsonPath("$.errors[0].field").value("id"))
				.andExpect(jsonPath("$.errors[0].message").value("must be a UUID"));
		}
		this.mvc.perform(get("/sample/" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT) + "/page"))
			.andExpect(status().isOk());
		this.mvc.perform(get(page).header("Last-Event-ID", "0x10"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("Last-Event-ID"));
		this.mvc.perform(get(page).param("pageSize", "25").header("Last-Event-ID", "-1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.avatar_url").value("25 -1"));
	}

	@Test
	void answersMalformedJsonWith400() throws Exception {
		this.mvc.perform(post("/sample").contentType(MediaType.APPLICATION_JSON).content("{\"display_name\":"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("malformed-request"));
	}

	@Test
	void answersTextWithANulCharacterNamingTheField() throws Exception {
		this.mvc
			.perform(post("/sample").contentType(MediaType.APPLICATION_JSON)
				.content("{\"display_name\":\"Ann\\u0000\",\"email\":\"ann@example.com\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("validation-failed"))
			.andExpect(jsonPath("$.errors[0].field").value("display_name"))
			.andExpect(jsonPath("$.errors[0].message").value("must not contain NUL characters"));
	}

	@Test
	void refusesANumberBooleanOrObjectWhereTextIsExpected() throws Exception {
		for (String value : new String[] { "42", "true", "{\"a\":1}", "[\"Ann\"]" }) {
			this.mvc
				.perform(post("/sample").contentType(MediaType.APPLICATION_JSON)
					.content("{\"display_name\":" + value + ",\"email\":\"ann@example.com\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("validation-failed"))
				.andExpect(jsonPath("$.errors[0].field").value("display_name"))
				.andExpect(jsonPath("$.errors[0].message").value("must be a string"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"subscribed\": 1", "\"subscribed\": \"true\"", "\"subscribed\": \"\"", "\"age\": \"10\"",
			"\"age\": 1.5", "\"age\": \"\"", "\"age\": true" })
	void refusesABooleanOrWholeNumberOfAnotherType(String member) throws Exception {
		this.mvc
			.perform(post("/sample").contentType(MediaType.APPLICATION_JSON)
				.content("{\"display_name\":\"Ann\",\"email\":\"ann@example.com\"," + member + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc
			.perform(post("/sample").contentType(MediaType.APPLICATION_JSON)
				.content("{\"display_name\":\"Ann\",\"email\":\"ann@example.com\",\"subscribed\":true,\"age\":10}"))
			.andExpect(status().isOk());
	}

	@Test
	void refusesHalfASurrogatePairButTakesAWholeOne() throws Exception {
		for (String half : new String[] { "\\ud83d", "\\ude00", "\\ude00\\ud83d" }) {
			this.mvc
				.perform(post("/sample").contentType(MediaType.APPLICATION_JSON)
					.content("{\"display_name\":\"Ann " + half + "\",\"email\":\"ann@example.com\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("display_name"))
				.andExpect(jsonPath("$.errors[0].message").value("must not contain half of a surrogate pair"));
		}
		this.mvc
			.perform(post("/sample").contentType(MediaType.APPLICATION_JSON)
				.content("{\"display_name\":\"Ann \\ud83d\\ude00\",\"email\":\"ann@example.com\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.display_name").value("Ann \uD83D\uDE00"));
	}

	@Test
	void refusesAMemberNamedTwice() throws Exception {
		this.mvc
			.perform(post("/sample").contentType(MediaType.APPLICATION_JSON)
				.content("{\"display_name\":\"Ann\",\"display_name\":\"Bob\",\"email\":\"ann@example.com\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("malformed-request"));
	}

	@Test
	void answersAnUnreadableMultipartBodyWith400() throws Exception {
		this.mvc.perform(post("/sample/multipart"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("malformed-request"));
	}

	@Test
	void answersAWrongMethodWith405() throws Exception {
		this.mvc.perform(put("/sample"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("method-not-allowed"));
	}

	@Test
	void answersAnUnexpectedFailureWithoutRevealingIt() throws Exception {
		this.mvc.perform(get("/sample/failure"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("internal-error"))
			.andExpect(jsonPath("$.message").value("An unexpected error occurred"))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("secret"))));
	}

	@Test
	void answersADatabaseWithNoConnectionFreeWith503AndRetryAfter() throws Exception {
		this.mvc.perform(get("/sample/busy"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "1"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("service-unavailable"))
			.andExpect(jsonPath("$.request_id").isString())
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("HikariPool"))));
	}

	@Test
	void answersAnUnreachableServerWith503AndRetryAfter() throws Exception {
		this.mvc.perform(get("/sample/unreachable"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("service-unavailable"))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("6379"))));
	}

	@ParameterizedTest
	@ValueSource(strings = { "rollback-failed", "lost-connection", "connection-reset" })
	void answersAServerLostMidRequestWith503AndRetryAfter(String failure) throws Exception {
		this.mvc.perform(get("/sample/lost/" + failure))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("service-unavailable"));
	}

	@org.springframework.boot.SpringBootConfiguration
	static class SampleApplication {

	}

	@RestController
	static class SampleController {

		@GetMapping("/sample")
		SampleResponse sample() {
			return new SampleResponse("Ann Lee", "");
		}

		@PostMapping("/sample")
		SampleResponse echo(@Valid @RequestBody SampleRequest request) {
			return new SampleResponse(request.displayName(), "");
		}

		/**
		 * As the servlet container fails on a multipart body without a boundary (which
		 * MockMvc does not parse).
		 */
		@PostMapping("/sample/multipart")
		SampleResponse multipart() {
			throw new MultipartException("Failed to parse multipart servlet request",
					new IllegalStateException("the request was rejected because no multipart boundary was found"));
		}

		/** As a transaction fails to begin when the pool has no connection to give. */
		@GetMapping("/sample/busy")
		SampleResponse busy() {
			throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
					new SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
		}

		@GetMapping("/sample/{id}/page")
		SampleResponse page(@PathVariable UUID id, @RequestParam(defaultValue = "10") int pageSize,
				@RequestHeader(name = "Last-Event-ID", required = false) Long lastEventId) {
			return new SampleResponse(id.toString(), pageSize + " " + lastEventId);
		}

		@GetMapping("/sample/failure")
		SampleResponse failure() {
			throw new IllegalStateException("secret connection string");
		}

		@GetMapping("/sample/unreachable")
		SampleResponse unreachable() {
			throw new DataAccessResourceFailureException("Unable to connect to Redis at 127.0.0.1:6379");
		}

		/** As PostgreSQL or Redis fail while a request uses them, seen in fault tests. */
		@GetMapping("/sample/lost/{failure}")
		SampleResponse lost(@PathVariable String failure) {
			throw switch (failure) {
				// the connection broke under a transaction, whose rollback then failed
				// too
				case "rollback-failed" -> {
					TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
							new IllegalStateException("This connection has been closed."));
					rollback.initApplicationException(new DataAccessResourceFailureException(
							"terminating connection due to administrator command"));
					yield rollback;
				}
				// the server shutting down (SQL state 57P01)
				case "lost-connection" -> new UncategorizedSQLException("query", "SELECT 1",
						new SQLException("terminating connection due to administrator command", "57P01"));
				// Redis went away with a command in flight
				case "connection-reset" -> new RedisSystemException("Redis exception",
						new IllegalStateException(new SocketException("Connection reset")));
				default -> new IllegalArgumentException(failure);
			};
		}

	}

	record SampleRequest(@NotBlank @Size(max = 100) String displayName, @NotBlank @Email String email,
			Boolean subscribed, Integer age) {
	}

	record SampleResponse(String displayName, String avatarUrl) {
	}

}
