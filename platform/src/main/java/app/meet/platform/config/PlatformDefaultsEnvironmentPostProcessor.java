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
 * configuration and the environment still win. In the development profile the embedded
 * stack's credentials come first; no other profile has a default credential.
 */
class PlatformDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/** The profile {@code ./meet} and the tests run with. */
	static final String DEVELOPMENT_PROFILE = "dev";

	private static final String DEFAULTS = "meet-platform-defaults.yml";

	private static final String DEVELOPMENT_DEFAULTS = "meet-platform-dev.yml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.matchesProfiles(DEVELOPMENT_PROFILE)) {
			addLast(environment, "meetPlatformDevelopmentDefaults", DEVELOPMENT_DEFAULTS);
		}
		addLast(environment, "meetPlatformDefaults", DEFAULTS);
	}

	private static void addLast(ConfigurableEnvironment environment, String name, String resource) {
		try {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load(name,
					new ClassPathResource(resource))) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource, ex);
		}
	}

}
