package app.meet.platform.json;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The wire format every client relies on: snake_case members and ISO-8601 instants
 * (Jackson 3 writes dates as text by default). Strings with NUL characters are refused
 * ({@link TextWithNulException}): no text column could store them.
 */
@AutoConfiguration
public class JsonConventionsAutoConfiguration {

	@Bean
	JsonMapperBuilderCustomizer snakeCaseJson() {
		return (builder) -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
	}

	@Bean
	JsonMapperBuilderCustomizer textWithoutNul() {
		return (builder) -> builder.addModule(
				new SimpleModule("meet-text").addDeserializer(String.class, new NulRejectingStringDeserializer()));
	}

}
