package app.meet.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the settings every service shares (where the servers are, actuator exposure,
 * readiness checks, log pattern) with the lowest precedence, so a service's own
 * configuration and the environment still win.
 */
class PlatformDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	private static final String DEFAULTS = "meet-platform-defaults.yml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load("meetPlatformDefaults",
					new ClassPathResource(DEFAULTS))) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + DEFAULTS, ex);
		}
	}

}
