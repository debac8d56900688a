package app.meet.gateway.web;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's own OpenAPI document (its probes), beside the services' documents it
 * routes to; the Swagger UI at {@code /docs} shows them all. Its server is the gateway
 * itself, written relative so the document reads the same at any address.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocuments {

	@Bean
	OpenAPI gatewayOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Meet gateway")
				.version("1")
				.description("The gateway's probes. The API itself is in the services' documents.")
				.license(new License().name("Apache-2.0").identifier("Apache-2.0")))
			.servers(List.of(new Server().url("/").description("the gateway")));
	}

}
