package app.meet.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the settings every service shares (where the servers are, actuator exposure,
 * readiness checks, log pattern) with the lowest precedence, so a service's own
 * configuration and the environment still win. In the development profile the embedded
 * stack's credentials come first; no other profile has a default credential, and a
 * service whose credentials are not set does not start.
 */
class PlatformDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/** The profile {@code ./meet} and the tests run with. */
	static final String DEVELOPMENT_PROFILE = "dev";

	/**
	 * The profile of the JDK AOT cache's training run while an image is built (with
	 * {@code dev}, for credentials nothing uses): its settings keep the refresh from
	 * reaching for any server.
	 */
	static final String AOT_TRAINING_PROFILE = "aot-training";

	private static final String DEFAULTS = "meet-platform-defaults.yml";

	private static final String AOT_TRAINING_SETTINGS = "meet-platform-aot-training.yml";

	private static final String DEVELOPMENT_DEFAULTS = "meet-platform-dev.yml";

	/** The ends of the names of settings that hold credentials. */
	private static final List<String> CREDENTIAL_SUFFIXES = List.of("password", "secret", "secret-key", "access-key");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.matchesProfiles(AOT_TRAINING_PROFILE)) {
			load("meetPlatformAotTraining", AOT_TRAINING_SETTINGS).forEach(environment.getPropertySources()::addFirst);
		}
		if (environment.matchesProfiles(DEVELOPMENT_PROFILE)) {
			addLast(environment, "meetPlatformDevelopmentDefaults", DEVELOPMENT_DEFAULTS);
		}
		addLast(environment, "meetPlatformDefaults", DEFAULTS);
		requireCredentials(environment);
	}

	/**
	 * Fails the start naming every credential that refers to a variable nobody set.
	 * Spring's binding would otherwise take the unresolved {@code ${GATEWAY_SECRET}}
	 * literally, as a secret anyone can guess.
	 */
	static void requireCredentials(ConfigurableEnvironment environment) {
		Set<String> missing = new TreeSet<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if (isCredential(name)) {
						try {
							environment.getProperty(name);
						}
						catch (IllegalArgumentException unresolved) {
							missing.add(name + " (" + unresolved.getMessage() + ")");
						}
					}
				}
			}
		}
		if (!missing.isEmpty()) {
			throw new IllegalStateException("Credentials are not set: " + String.join("; ", missing)
					+ ". Set them, or run with the development profile (SPRING_PROFILES_ACTIVE=" + DEVELOPMENT_PROFILE
					+ ") against the embedded stack.");
		}
	}

	private static boolean isCredential(String name) {
		String lower = name.toLowerCase(Locale.ROOT).replace('_', '-');
		return CREDENTIAL_SUFFIXES.stream().anyMatch(lower::endsWith);
	}

	private static void addLast(ConfigurableEnvironment environment, String name, String resource) {
		load(name, resource).forEach(environment.getPropertySources()::addLast);
	}

	private static List<PropertySource<?>> load(String name, String resource) {
		try {
			return new YamlPropertySourceLoader().load(name, new ClassPathResource(resource));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource, ex);
		}
	}

}
