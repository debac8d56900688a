package app.meet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * A kustomization under {@code deploy/k8s} as {@code kubectl kustomize} renders it: the
 * objects {@code kubectl apply} would be given.
 *
 * @param directory the kustomization's directory
 * @param yaml the rendered objects, one YAML document each
 * @param objects every object, in the order rendered
 */
record Manifests(Path directory, String yaml, List<Map<String, Object>> objects) {

	static final Path K8S = Commands.PROJECT_ROOT.resolve("deploy/k8s");

	static final Path BASE = K8S.resolve("base");

	static final Path DEV = K8S.resolve("overlays/dev");

	private static final Map<Path, Manifests> rendered = new ConcurrentHashMap<>();

	/** The base and every overlay. */
	static List<Path> kustomizations() {
		try (Stream<Path> overlays = Files.list(K8S.resolve("overlays"))) {
			return Stream.concat(Stream.of(BASE), overlays.filter(Files::isDirectory).sorted()).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The kustomization rendered; skips the calling test where kubectl is not installed.
	 */
	static Manifests of(Path directory) {
		Commands.assumeInstalled("kubectl", "kubectl");
		return rendered.computeIfAbsent(directory, Manifests::render);
	}

	private static Manifests render(Path directory) {
		try {
			Path output = Files.createTempFile("kustomize-", ".yaml");
			try {
				// the dev overlay's PostgreSQL init files are docker-compose's, outside
				// the
				// overlay, which kustomize refuses by default
				Commands.Result kustomize = Commands.run(K8S, Duration.ofMinutes(1), "kubectl", "kustomize",
						"--load-restrictor", "LoadRestrictionsNone", "--output", output.toString(),
						directory.toString());
				if (kustomize.exitCode() != 0) {
					throw new IllegalStateException(
							"kubectl kustomize " + directory + " failed: " + kustomize.output());
				}
				String yaml = Files.readString(output);
				List<Map<String, Object>> objects = new ArrayList<>();
				for (Object document : new Yaml().loadAll(yaml)) {
					if (document != null) {
						objects.add(Yamls.map(document));
					}
				}
				return new Manifests(directory, yaml, List.copyOf(objects));
			}
			finally {
				Files.delete(output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<Map<String, Object>> ofKind(String kind) {
		return this.objects.stream().filter((object) -> kind.equals(object.get("kind"))).toList();
	}

	Optional<Map<String, Object>> find(String kind, String name) {
		return ofKind(kind).stream().filter((object) -> name.equals(name(object))).findFirst();
	}

	Map<String, Object> get(String kind, String name) {
		return find(kind, name)
			.orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + this.directory));
	}

	/** The pod template's spec of a Deployment, StatefulSet or Job. */
	static Map<String, Object> podSpec(Map<String, Object> workload) {
		return Yamls.map(at(workload, "spec", "template", "spec"));
	}

	/** The pod template's only container. */
	static Map<String, Object> container(Map<String, Object> workload) {
		List<Object> containers = Yamls.list(podSpec(workload).get("containers"));
		if (containers.size() != 1) {
			throw new AssertionError(name(workload) + " has " + containers.size() + " containers");
		}
		return Yamls.map(containers.getFirst());
	}

	static String name(Map<String, Object> object) {
		return (String) Yamls.map(object.get("metadata")).get("name");
	}

	static Map<String, Object> labels(Map<String, Object> object) {
		return Yamls.map(Yamls.map(object.get("metadata")).get("labels"));
	}

	/** The value at the path of keys, or null. */
	static Object at(Object yaml, String... keys) {
		Object value = yaml;
		for (String key : keys) {
			if (!(value instanceof Map<?, ?> map)) {
				return null;
			}
			value = map.get(key);
		}
		return value;
	}

}
