package app.meet.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.yaml.snakeyaml.Yaml;

/**
 * The root {@code docker-compose.yml} as Compose resolves it
 * ({@code docker-compose config} with the committed {@code .env.example}): anchors
 * merged, variables filled in.
 *
 * @param services every service by name
 */
record ComposeFile(Map<String, Object> services) {

	static final Path PROJECT_ROOT = Commands.PROJECT_ROOT;

	static final Path COMPOSE_FILE = PROJECT_ROOT.resolve("docker-compose.yml");

	static final Path ENV_EXAMPLE = PROJECT_ROOT.resolve(".env.example");

	static final Path POSTGRES_INIT = PROJECT_ROOT.resolve("deploy/compose/postgres-init.sh");

	private static ComposeFile resolved;

	static synchronized ComposeFile resolved() {
		if (resolved == null) {
			Commands.Result config = config(ENV_EXAMPLE);
			if (config.exitCode() != 0) {
				throw new IllegalStateException("docker-compose config failed: " + config.output());
			}
			Map<String, Object> document = new Yaml().load(config.output());
			resolved = new ComposeFile(Yamls.map(document.get("services")));
		}
		return resolved;
	}

	/** {@code docker-compose config} of the root file with these settings. */
	static Commands.Result config(Path envFile) {
		Commands.assumeInstalled("docker-compose", "docker-compose");
		return Commands.run(PROJECT_ROOT, Duration.ofMinutes(1), "docker-compose", "--env-file", envFile.toString(),
				"--file", COMPOSE_FILE.toString(), "config");
	}

	/** The SQL the embedded stack creates each service's role and schema with. */
	static Path bootstrapSql() {
		return PROJECT_ROOT.resolve("devstack/src/main/resources/app/meet/devstack/bootstrap.sql");
	}

	Map<String, Object> service(String name) {
		return Yamls.map(this.services.get(name));
	}

	/** The environment Compose gives the service. */
	Map<String, String> environment(String name) {
		Map<String, String> environment = new TreeMap<>();
		Yamls.map(service(name).get("environment"))
			.forEach((key, value) -> environment.put(key, String.valueOf(value)));
		return environment;
	}

}
