package app.meet.platform.json;

import tools.jackson.databind.PropertyNamingStrategies;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The wire format every client relies on: snake_case members and ISO-8601 instants
 * (Jackson 3 writes dates as text by default).
 */
@AutoConfiguration
public class JsonConventionsAutoConfiguration {

	@Bean
	JsonMapperBuilderCustomizer snakeCaseJson() {
		return (builder) -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
	}

}
