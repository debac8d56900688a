package app.meet.devstack.test;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotatedBeanDefinitionReader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points every test context annotated with {@link EmbeddedInfrastructure} at the shared
 * servers, through the same variables ({@code DB_PORT}, {@code KAFKA_BOOTSTRAP_SERVERS},
 * ...) a deployment uses; or, with the {@code testcontainers} profile, at containers of
 * its own ({@link ContainerInfrastructure}).
 */
class EmbeddedInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		if (!TestContextAnnotationUtils.hasAnnotation(testClass, EmbeddedInfrastructure.class)) {
			return null;
		}
		return new EmbeddedInfrastructureContextCustomizer();
	}

	private static final class EmbeddedInfrastructureContextCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			if (ContainerInfrastructure.selected()) {
				new AnnotatedBeanDefinitionReader((BeanDefinitionRegistry) context)
					.register(ContainerInfrastructure.class);
				return;
			}
			Map<String, Object> environment = Map.copyOf(SharedInfrastructure.get().environment());
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("embeddedInfrastructure", environment));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof EmbeddedInfrastructureContextCustomizer;
		}

		@Override
		public int hashCode() {
			return EmbeddedInfrastructureContextCustomizer.class.hashCode();
		}

	}

}
