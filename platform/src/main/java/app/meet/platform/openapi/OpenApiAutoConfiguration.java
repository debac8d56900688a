package app.meet.platform.openapi;

import java.util.List;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;

import app.meet.platform.security.SecurityProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Each service's OpenAPI 3.1 document, generated from its controllers by springdoc at
 * {@code /v3/api-docs} and served to clients by the gateway under {@code /docs}. The
 * document describes the API as clients see it through the gateway: snake_case members,
 * bearer JWTs, problem+json errors ({@link ApiConventions}).
 */
@AutoConfiguration
@ConditionalOnClass({ OpenAPI.class, SpringDocConfigProperties.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class OpenApiAutoConfiguration {

	/** The version of the HTTP API the documents describe. */
	static final String API_VERSION = "1";

	@Bean
	OpenAPI serviceOpenApi(@Value("${spring.application.name}") String service) {
		return new OpenAPI()
			.info(new Info().title("Meet " + service)
				.version(API_VERSION)
				.description("The part of Meet's HTTP API that " + service
						+ " answers, reached through the gateway. Errors are application/problem+json.")
				.license(new License().name("Apache-2.0").identifier("Apache-2.0")))
			.servers(List.of(new Server().url("/").description("the gateway")))
			.components(new Components().addSecuritySchemes(ApiConventions.BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("An access token from POST /api/auth/login, /register or /refresh")));
	}

	@Bean
	ModelResolver recordModelResolver() {
		return new RecordModelResolver(Json31.mapper());
	}

	@Bean
	OpenApiCustomizer meetApiConventions(SecurityProperties security) {
		return new ApiConventions(security.publicPaths());
	}

}
