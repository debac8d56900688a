package app.meet.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI documents the services generate, as clients get them through the gateway:
 * valid OpenAPI 3.1, and the same as the copies committed under {@code docs/openapi/}, so
 * that a change to the API shows in review as a diff of those copies. After changing the
 * API on purpose, {@code -Dmeet.openapi.update=true} writes the new documents there.
 */
@Order(12)
class ApiDocumentsEndToEndTests {

	private static final Path COMMITTED = Path.of("..", "docs", "openapi");

	private static final boolean UPDATE = Boolean.getBoolean("meet.openapi.update");

	/** The operations a client may call without a token. */
	private static final Set<String> PUBLIC_OPERATIONS = Set.of("POST /api/auth/register", "POST /api/auth/login",
			"POST /api/auth/refresh", "GET /api/users/{id}/avatar", "GET /.well-known/jwks.json",
			"GET /.well-known/openid-configuration");

	private static Gateway gateway;

	@BeforeAll
	static void stack() {
		gateway = new Gateway(RunningStack.get().gatewayUrl());
	}

	static Stream<String> documents() {
		return Stream.of("auth-service", "meeting-service", "chat-service", "signaling-service", "recording-service",
				"gateway");
	}

	@ParameterizedTest
	@MethodSource("documents")
	void eachDocumentIsValidOpenApi31AndTheCommittedCopy(String document) throws IOException {
		HttpResponse<String> response = gateway.get("/docs/" + document + "/openapi.json", null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String generated = response.body().endsWith("\n") ? response.body() : response.body() + "\n";

		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(generated, null, options);
		assertThat(parsed.getMessages()).as(document).isEmpty();
		assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1.");
		assertThat(parsed.getOpenAPI().getPaths()).as(document).isNotEmpty();

		Path committed = COMMITTED.resolve(document + ".json");
		if (UPDATE) {
			Files.createDirectories(COMMITTED);
			Files.writeString(committed, generated);
		}
		Path generatedCopy = Path.of("target", "openapi", document + ".json");
		Files.createDirectories(generatedCopy.getParent());
		Files.writeString(generatedCopy, generated);
		assertThat(committed)
			.as("docs/openapi/%s.json (generated: e2e/%s; -Dmeet.openapi.update=true writes it)", document,
					generatedCopy)
			.exists();
		assertThat(Files.readString(committed))
			.as("docs/openapi/%s.json differs from what %s generates (e2e/%s); review the change and write it with "
					+ "-Dmeet.openapi.update=true", document, document, generatedCopy)
			.isEqualTo(generated);
	}

	@Test
	void everyProtectedOperationNamesTheBearerTokenAndEveryOperationItsProblems() {
		documents().filter((document) -> !document.equals("gateway")).forEach((document) -> {
			JsonNode api = Gateway.json(gateway.get("/docs/" + document + "/openapi.json", null));
			assertThat(api.at("/components/securitySchemes/bearer-jwt/scheme").asString()).isEqualTo("bearer");
			api.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
				String name = document + " " + operation.getKey().toUpperCase() + " " + path.getKey();
				JsonNode responses = operation.getValue().get("responses");
				assertThat(responses.at("/default/content/application~1problem+json/schema/$ref").asString()).as(name)
					.isEqualTo("#/components/schemas/Problem");
				assertThat(responses.has("429")).as(name).isTrue();
				boolean open = PUBLIC_OPERATIONS.contains(operation.getKey().toUpperCase() + " " + path.getKey());
				assertThat(operation.getValue().has("security")).as(name).isEqualTo(!open);
				assertThat(responses.has("401")).as(name).isEqualTo(!open);
			}));
		});
	}

	@Test
	void theSwaggerUiAtDocsListsEveryService() {
		HttpResponse<String> docs = gateway.get("/docs", null);
		assertThat(docs.statusCode()).isEqualTo(302);
		String page = URI.create(gateway.baseUrl())
			.resolve(docs.headers().firstValue("Location").orElseThrow())
			.getRawPath();
		HttpResponse<String> ui = gateway.get(page, null);
		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.body()).contains("swagger-ui");
		JsonNode config = Gateway.json(gateway.get("/docs/gateway/openapi.json/swagger-config", null));
		assertThat(config.get("urls").findValuesAsString("url")).containsExactlyInAnyOrderElementsOf(
				documents().map((document) -> "/docs/" + document + "/openapi.json").toList());
	}

}
