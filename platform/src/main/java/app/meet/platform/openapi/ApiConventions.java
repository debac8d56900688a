package app.meet.platform.openapi;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;

import app.meet.platform.problem.Problems;

import org.springframework.util.AntPathMatcher;

/**
 * What every operation of Meet shares, written into each generated document: the bearer
 * token on every path that is not public, and the problem+json answers any operation can
 * give (a malformed request, a missing token, an unknown resource, a rate limit, an
 * overloaded service).
 */
class ApiConventions implements OpenApiCustomizer {

	static final String BEARER = "bearer-jwt";

	static final String PROBLEM = "Problem";

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final AntPathMatcher PATHS = new AntPathMatcher();

	private final List<String> publicPaths;

	ApiConventions(List<String> publicPaths) {
		this.publicPaths = publicPaths;
	}

	@Override
	public void customise(OpenAPI openApi) {
		openApi.getComponents().addSchemas(PROBLEM, problemSchema());
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			boolean open = this.publicPaths.stream().anyMatch((pattern) -> PATHS.match(pattern, path));
			if (operation.getParameters() != null) {
				// a negated header condition ({@code headers = "!Upgrade"}) is no
				// parameter
				operation.getParameters().removeIf((parameter) -> parameter.getName().startsWith("!"));
			}
			if (!open) {
				operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
			}
			addProblemAnswers(path, method, operation, open);
		}));
	}

	private static void addProblemAnswers(String path, PathItem.HttpMethod method, Operation operation, boolean open) {
		ApiResponses responses = operation.getResponses();
		boolean takesInput = operation.getRequestBody() != null
				|| (operation.getParameters() != null && !operation.getParameters().isEmpty());
		if (takesInput) {
			responses.putIfAbsent("400",
					problem("The request is malformed or a member is invalid (`errors` names each)"));
		}
		if (!open) {
			responses.putIfAbsent("401", problem("No valid access token"));
		}
		if (path.contains("{")) {
			responses.putIfAbsent("404", problem("No such resource"));
		}
		if (operation.getRequestBody() != null && method != PathItem.HttpMethod.GET) {
			responses.putIfAbsent("413", problem("The request body is larger than the operation accepts"));
		}
		responses.putIfAbsent("429", problem("Too many requests; `Retry-After` says when to try again"));
		responses.putIfAbsent("503", problem("The service is overloaded or restarting; try again"));
		responses.putIfAbsent("default", problem("Any other refusal, as problem+json"));
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
	}

	private static Schema<?> problemSchema() {
		Schema<?> fieldError = new ObjectSchema().addProperty("field", new StringSchema())
			.addProperty("message", new StringSchema())
			.required(List.of("field", "message"));
		return new ObjectSchema()
			.description("RFC 9457 problem details with Meet's members: a stable `code`, the short reason "
					+ "(`error`) and detail (`message`) the frontend shows, and the request's id")
			.addProperty("type", new StringSchema())
			.addProperty("title", new StringSchema())
			.addProperty("status", new IntegerSchema())
			.addProperty("detail", new StringSchema())
			.addProperty("instance", new StringSchema())
			.addProperty(Problems.CODE, new StringSchema().example("meeting-not-found"))
			.addProperty(Problems.ERROR, new StringSchema().example("Not Found"))
			.addProperty(Problems.MESSAGE, new StringSchema().example("Meeting not found"))
			.addProperty(Problems.REQUEST_ID, new StringSchema())
			.addProperty(Problems.ERRORS, new ArraySchema().items(fieldError))
			.required(List.of("status", "title", Problems.CODE));
	}

}
