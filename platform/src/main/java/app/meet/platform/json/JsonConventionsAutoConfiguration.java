package app.meet.platform.json;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The wire format every client relies on: snake_case members and ISO-8601 instants
 * (Jackson 3 writes dates as text by default). Requests are read strictly: a member named
 * twice makes the body malformed instead of the last one winning, and text members must
 * be JSON strings that a column can store as sent ({@link StrictStringDeserializer}).
 */
@AutoConfiguration
public class JsonConventionsAutoConfiguration {

	@Bean
	JsonMapperBuilderCustomizer snakeCaseJson() {
		return (builder) -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
	}

	@Bean
	JsonMapperBuilderCustomizer strictReading() {
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.addModule(new SimpleModule("meet-text").addDeserializer(String.class, new StrictStringDeserializer()));
	}

}
