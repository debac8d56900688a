package app.meet.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service reads from its environment, taken from its executable jar as built: the
 * variables its configuration files and classes (its own and platform's) name in
 * placeholders, whether each has a default there, and the Spring properties its libraries
 * and classes declare or read (an environment variable binds to one of those by Spring's
 * relaxed names). The development profile's files are left out: they are not the
 * production configuration.
 *
 * @param service the service's name
 * @param placeholders each variable named in a placeholder, and whether every placeholder
 * naming it gives a default
 * @param properties the Spring properties the service's libraries declare, as
 * {@link #canonical(String) canonical} names
 * @param libraries the names of the jars in the service's {@code BOOT-INF/lib}
 */
record ServiceSettings(String service, Map<String, Boolean> placeholders, Set<String> properties,
		Set<String> libraries) {

	/** {@code ${NAME}} or {@code ${NAME:default}}. */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)([:}])");

	/** {@code ${some.property:default}}, a property read where it is used. */
	private static final Pattern PROPERTY_PLACEHOLDER = Pattern.compile("\\$\\{([a-z][a-z0-9.-]*)[:}]");

	private static final Pattern METADATA_NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

	/**
	 * The servers whose settings the shared defaults name for every service, and the
	 * client library a service that talks to one has: without it the variables mean
	 * nothing to the service.
	 */
	private static final Map<String, String> SERVER_CLIENTS = Map.of("DB_", "postgresql-", "REDIS_", "lettuce-core-",
			"MINIO_", "minio-", "KAFKA_", "kafka-clients-");

	/** Read by the JVM, not by Spring. */
	private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

	private static final Map<String, ServiceSettings> CACHE = new HashMap<>();

	static synchronized ServiceSettings of(String service) {
		return CACHE.computeIfAbsent(service, ServiceSettings::read);
	}

	/** Whether setting the variable changes anything in this service. */
	boolean reads(String variable) {
		if (!usesServerOf(variable)) {
			return false;
		}
		return this.placeholders.containsKey(variable) || JVM_VARIABLES.contains(variable)
				|| this.properties.contains(canonical(variable));
	}

	/**
	 * The variables the service does not start without outside the development profile.
	 */
	Set<String> required() {
		Set<String> required = new TreeSet<>();
		this.placeholders.forEach((variable, defaulted) -> {
			if (!defaulted && usesServerOf(variable)) {
				required.add(variable);
			}
		});
		return required;
	}

	/** The variables named in the service's placeholders that mean something to it. */
	Set<String> variables() {
		Set<String> variables = new TreeSet<>(this.placeholders.keySet());
		variables.removeIf((variable) -> !usesServerOf(variable));
		return variables;
	}

	private boolean usesServerOf(String variable) {
		return SERVER_CLIENTS.entrySet()
			.stream()
			.filter((server) -> variable.startsWith(server.getKey()))
			.allMatch((server) -> this.libraries.stream().anyMatch((jar) -> jar.startsWith(server.getValue())));
	}

	/** A property or variable name as Spring's relaxed binding compares them. */
	static String canonical(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	private static ServiceSettings read(String service) {
		Path jar = Commands.PROJECT_ROOT.resolve(service).resolve("target").resolve(service + ".jar");
		if (!Files.exists(jar)) {
			throw new IllegalStateException(jar + " is not built: run ./mvnw package first");
		}
		Map<String, Boolean> placeholders = new HashMap<>();
		Set<String> properties = new HashSet<>();
		Set<String> libraries = new TreeSet<>();
		try (JarFile file = new JarFile(jar.toFile())) {
			Enumeration<JarEntry> entries = file.entries();
			while (entries.hasMoreElements()) {
				JarEntry entry = entries.nextElement();
				String name = entry.getName();
				// the service's own configuration metadata is moved to the jar's META-INF
				if (name.startsWith("BOOT-INF/classes/") || name.endsWith("spring-configuration-metadata.json")) {
					try (InputStream in = file.getInputStream(entry)) {
						scan(name, in.readAllBytes(), placeholders, properties);
					}
				}
				else if (name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
					String library = name.substring("BOOT-INF/lib/".length());
					libraries.add(library);
					try (InputStream in = file.getInputStream(entry)) {
						scanLibrary(library, in.readAllBytes(), placeholders, properties);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ServiceSettings(service, placeholders, properties, libraries);
	}

	/**
	 * Meet's own libraries are read like the service's classes; the others only for the
	 * properties they declare.
	 */
	private static void scanLibrary(String library, byte[] bytes, Map<String, Boolean> placeholders,
			Set<String> properties) throws IOException {
		boolean ours = library.startsWith("platform-");
		try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bytes))) {
			for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
				String name = entry.getName();
				if (ours || name.endsWith("spring-configuration-metadata.json")) {
					scan(name, in.readAllBytes(), ours ? placeholders : new HashMap<>(), properties);
				}
			}
		}
	}

	private static void scan(String name, byte[] bytes, Map<String, Boolean> placeholders, Set<String> properties) {
		String text = new String(bytes, StandardCharsets.ISO_8859_1);
		if (name.endsWith("spring-configuration-metadata.json")) {
			Matcher property = METADATA_NAME.matcher(text);
			while (property.find()) {
				properties.add(canonical(property.group(1)));
			}
		}
		boolean production = (name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".properties")
				|| name.endsWith(".class")) && !name.contains("-dev.") && !name.contains("-aot-training.");
		if (production) {
			Matcher placeholder = PLACEHOLDER.matcher(text);
			while (placeholder.find()) {
				boolean defaulted = placeholder.group(2).equals(":");
				placeholders.merge(placeholder.group(1), defaulted, Boolean::logicalAnd);
			}
			Matcher property = PROPERTY_PLACEHOLDER.matcher(text);
			while (property.find()) {
				properties.add(canonical(property.group(1)));
			}
		}
	}

}
