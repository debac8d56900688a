package app.meet.devstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The JVM options each process starts with: the quick-start defaults (a quick start and a
 * small footprint over peak speed), then the options for every process, then those for
 * its service.
 */
final class JvmOptions {

	/** A JVM option choosing the garbage collector, such as {@code -XX:+UseZGC}. */
	private static final Predicate<String> COLLECTOR = Pattern.compile("-XX:\\+Use\\w+GC").asMatchPredicate();

	private final List<String> everyProcess = new ArrayList<>();

	private final Map<String, List<String>> byService = new LinkedHashMap<>();

	void add(List<String> options) {
		this.everyProcess.addAll(options);
	}

	void add(String service, List<String> options) {
		this.byService.computeIfAbsent(service, (name) -> new ArrayList<>()).addAll(options);
	}

	/**
	 * The JVM takes the last of a repeated option, but refuses two collectors, so one
	 * chosen by the caller replaces the default.
	 */
	List<String> of(ServiceDefinition service) {
		List<String> chosen = new ArrayList<>(this.everyProcess);
		chosen.addAll(this.byService.getOrDefault(service.name(), List.of()));
		List<String> options = new ArrayList<>(
				List.of("-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED"));
		if (chosen.stream().noneMatch(COLLECTOR)) {
			options.add("-XX:+UseSerialGC");
		}
		options.addAll(chosen);
		return options;
	}

}
