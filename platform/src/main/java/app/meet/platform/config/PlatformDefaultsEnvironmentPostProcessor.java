package app.meet.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;

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

	/**
	 * The service's own development settings, read outside that profile only to refuse.
	 */
	private static final String SERVICE_DEVELOPMENT_SETTINGS = "application-dev.yml";

	/** The placeholder values of {@code .env.example}, never to be run with. */
	private static final String EXAMPLE_PLACEHOLDER = "change-me";

	/** The ends of the names of settings that hold credentials. */
	private static final List<String> CREDENTIAL_SUFFIXES = List.of("password", "secret", "secret-key", "access-key",
			"encryption-key");

	/**
	 * The prefixes of the servers' settings, and the client a service that uses one has.
	 */
	private static final Map<String, String> CLIENT_OF_SERVER = Map.of("spring.datasource.", "org.postgresql.Driver",
			"spring.data.redis.", "io.lettuce.core.RedisClient", "meet.s3.", "io.minio.MinioClient");

	/**
	 * {@code ${VARIABLE}} or {@code ${VARIABLE:default}}: the variable a setting reads.
	 */
	private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Za-z0-9_.-]+)[:}]");

	/** {@code ${VARIABLE:default}}, the way development settings give a default. */
	private static final Pattern DEFAULTED_PLACEHOLDER = Pattern.compile("^\\$\\{([A-Za-z0-9_.-]+):(.*)}$");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.matchesProfiles(AOT_TRAINING_PROFILE)) {
			load("meetPlatformAotTraining", AOT_TRAINING_SETTINGS).forEach(environment.getPropertySources()::addFirst);
		}
		if (environment.matchesProfiles(DEVELOPMENT_PROFILE)) {
			addLast(environment, "meetPlatformDevelopmentDefaults", DEVELOPMENT_DEFAULTS);
		}
		addLast(environment, "meetPlatformDefaults", DEFAULTS);
		ClassLoader classLoader = application.getClassLoader();
		requireCredentials(environment, classLoader);
		if (!environment.matchesProfiles(DEVELOPMENT_PROFILE)) {
			refuseDevelopmentCredentials(environment, developmentSettings(), classLoader);
		}
	}

	/**
	 * Outside the development profile, fails the start naming every credential that still
	 * has its development default (which anyone can read in this repository) or the
	 * placeholder of {@code .env.example}.
	 */
	static void refuseDevelopmentCredentials(ConfigurableEnvironment environment,
			List<PropertySource<?>> developmentSettings, ClassLoader classLoader) {
		Set<String> unsafe = new TreeSet<>();
		for (PropertySource<?> source : developmentSettings) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					Matcher defaulted = DEFAULTED_PLACEHOLDER.matcher(String.valueOf(enumerable.getProperty(name)));
					if (isCredential(name, classLoader) && defaulted.matches()) {
						String developmentValue = environment.resolvePlaceholders(defaulted.group(2));
						if (developmentValue.equals(environment.getProperty(name))) {
							unsafe.add(defaulted.group(1) + " (" + name + ") has its development default");
						}
					}
				}
			}
		}
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					// a variable is reported through the setting that reads it
					boolean variable = name.equals(name.toUpperCase(Locale.ROOT));
					if (!variable && isCredential(name, classLoader)
							&& environment.getProperty(name, "").startsWith(EXAMPLE_PLACEHOLDER)) {
						Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(enumerable.getProperty(name)));
						unsafe.add((placeholder.find() ? placeholder.group(1) + " (" + name + ")" : name)
								+ " is still the placeholder of .env.example");
					}
				}
			}
		}
		if (!unsafe.isEmpty()) {
			throw new UnsafeSettingsException(String.join("; ", unsafe));
		}
	}

	private static List<PropertySource<?>> developmentSettings() {
		List<PropertySource<?>> sources = new ArrayList<>(
				load("meetPlatformDevelopmentDefaults", DEVELOPMENT_DEFAULTS));
		if (new ClassPathResource(SERVICE_DEVELOPMENT_SETTINGS).exists()) {
			sources.addAll(load("serviceDevelopmentSettings", SERVICE_DEVELOPMENT_SETTINGS));
		}
		return sources;
	}

	/**
	 * Fails the start naming every credential that refers to a variable nobody set.
	 * Spring's binding would otherwise take the unresolved {@code ${GATEWAY_SECRET}}
	 * literally, as a secret anyone can guess.
	 */
	static void requireCredentials(ConfigurableEnvironment environment, ClassLoader classLoader) {
		Set<String> missing = new TreeSet<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if (isCredential(name, classLoader)) {
						try {
							environment.getProperty(name);
						}
						catch (IllegalArgumentException unresolved) {
							Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(enumerable.getProperty(name)));
							missing.add(placeholder.find() ? placeholder.group(1) + " (" + name + ")" : name);
						}
					}
				}
			}
		}
		if (!missing.isEmpty()) {
			throw new UnsafeSettingsException("Credentials are not set: " + String.join("; ", missing));
		}
	}

	/**
	 * A setting that holds a credential for a server this service talks to: the shared
	 * defaults name every server's, and a service without a database (the gateway,
	 * signaling-service) or without object storage needs none for it.
	 */
	private static boolean isCredential(String name, ClassLoader classLoader) {
		String lower = name.toLowerCase(Locale.ROOT).replace('_', '-');
		return CREDENTIAL_SUFFIXES.stream().anyMatch(lower::endsWith) && CLIENT_OF_SERVER.entrySet()
			.stream()
			.noneMatch((server) -> lower.startsWith(server.getKey())
					&& !ClassUtils.isPresent(server.getValue(), classLoader));
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
