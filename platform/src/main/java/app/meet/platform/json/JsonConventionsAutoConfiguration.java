package app.meet.platform.json;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The wire format every client relies on: snake_case members and ISO-8601 instants
 * (Jackson 3 writes dates as text by default). Requests are read strictly: a member named
 * twice makes the body malformed instead of the last one winning, text members must be
 * JSON strings that a column can store as sent ({@link StrictStringDeserializer}), and
 * booleans and whole numbers must be JSON booleans and integers.
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
			.addModule(new SimpleModule("meet-text").addDeserializer(String.class, new StrictStringDeserializer()))
			// Jackson would take 1 for true, "10" for 10 and 1.5 for 1
			.withCoercionConfig(LogicalType.Boolean,
					(booleans) -> booleans.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Integer,
					(integers) -> integers.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
	}

}
