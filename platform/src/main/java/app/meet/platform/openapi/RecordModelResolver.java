package app.meet.platform.openapi;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * Reads request and response records as the wire format writes them: snake_case members,
 * and a member is required and never {@code null} unless its record component is
 * {@link Nullable @Nullable}, in which case it may be {@code null} (or, in a request,
 * left out).
 */
class RecordModelResolver extends ModelResolver {

	private static final PropertyNamingStrategies.NamingBase SNAKE_CASE = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

	RecordModelResolver(ObjectMapper mapper) {
		super(mapper.copy().setPropertyNamingStrategy(SNAKE_CASE));
	}

	@Override
	@SuppressWarnings("rawtypes")
	public Schema resolve(AnnotatedType annotatedType, ModelConverterContext context, Iterator<ModelConverter> next) {
		Schema resolved = super.resolve(annotatedType, context, next);
		Class<?> type = this._mapper.constructType(annotatedType.getType()).getRawClass();
		if (resolved == null || !type.isRecord()) {
			return resolved;
		}
		Schema model = (resolved.get$ref() != null)
				? context.getDefinedModels().get(resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1))
				: resolved;
		if (model != null && model.getProperties() != null) {
			applyNullness(type, model);
		}
		return resolved;
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void applyNullness(Class<?> type, Schema model) {
		Map<String, Schema> properties = model.getProperties();
		List<String> required = new ArrayList<>();
		for (RecordComponent component : type.getRecordComponents()) {
			String name = SNAKE_CASE.translate(component.getName());
			Schema property = properties.get(name);
			if (property == null) {
				continue;
			}
			if (!component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
				required.add(name);
			}
			else if (property.get$ref() != null) {
				properties.put(name, new Schema<>()
					.anyOf(List.of(new Schema<>().$ref(property.get$ref()), new Schema<>().types(Set.of("null")))));
			}
			else if (property.getTypes() != null) {
				property.addType("null");
			}
		}
		model.setRequired(required.isEmpty() ? null : required);
	}

}
