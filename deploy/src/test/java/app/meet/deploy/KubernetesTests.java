package app.meet.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static app.meet.deploy.Manifests.at;
import static app.meet.deploy.Manifests.container;
import static app.meet.deploy.Manifests.labels;
import static app.meet.deploy.Yamls.list;
import static app.meet.deploy.Yamls.map;
import static app.meet.deploy.Manifests.name;
import static app.meet.deploy.Manifests.podSpec;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests in {@code deploy/k8s}, checked without a cluster: the base and
 * every overlay render with kubectl's kustomize, and every object they hold matches the
 * Kubernetes API's schemas (the npm package kubernetes-models, driven by
 * {@code validate-k8s.mjs}). The base keeps the rules a production deployment needs:
 * unprivileged pods probed on the management port, memory limits, autoscaling and
 * disruption budgets, traffic only where a network policy lets it through, and each
 * application given the variables docker-compose.yml gives it. The dev overlay runs the
 * infrastructure docker-compose.yml runs.
 */
class KubernetesTests {

	static final List<String> APPLICATIONS = ComposeTests.APPLICATIONS;

	static final List<String> AUTOSCALED = List.of("gateway", "chat-service", "signaling-service");

	static final List<String> INFRASTRUCTURE = List.of("postgres", "kafka", "redis", "minio");

	private static final String KUBERNETES_MODELS_VERSION = "4.5.1";

	private static final String YAML_VERSION = "2.9.1";

	// the addresses of the deployment itself, which docker-compose.yml takes from .env
	private static final Set<String> DEPLOYMENT_ADDRESSES = Set.of("AUTH_ISSUER", "CORS_ALLOWED_ORIGINS",
			"MEET_GATEWAY_TRUSTED_PROXIES");

	static List<Path> kustomizations() {
		return Manifests.kustomizations();
	}

	@ParameterizedTest
	@MethodSource("kustomizations")
	void everyRenderedObjectMatchesTheKubernetesSchemas(Path kustomization, @TempDir Path directory)
			throws IOException {
		Manifests manifests = Manifests.of(kustomization);
		Path rendered = Files.writeString(directory.resolve("rendered.yaml"), manifests.yaml());

		Commands.Result validation = validate(rendered);

		assertThat(validation.exitCode()).as(validation.output()).isZero();
		assertThat(validation.output()).contains(manifests.objects().size() + " objects, 0 problems");
	}

	@Test
	void theSchemaCheckFindsWhatTheApiServerWouldRefuse(@TempDir Path directory) throws IOException {
		Path invalid = Files.writeString(directory.resolve("invalid.yaml"), """
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: ports-as-text
				spec:
				  selector:
				    matchLabels:
				      app: x
				  template:
				    metadata:
				      labels:
				        app: x
				    spec:
				      containers:
				        - name: x
				          image: x
				          ports: "8080"
				---
				apiVersion: v1
				kind: Service
				metadata:
				  name: misspelt
				spec:
				  selectr:
				    app: x
				  ports:
				    - port: 8080
				---
				apiVersion: example.com/v1
				kind: Widget
				metadata:
				  name: unknown
				---
				apiVersion: apps/v1
				kind: DeploymentSpec
				metadata:
				  name: a-part
				""");

		Commands.Result validation = validate(invalid);

		assertThat(validation.exitCode()).isNotZero();
		assertThat(validation.output())
			.contains("Deployment/ports-as-text: /spec/template/spec/containers/0/ports must be array")
			.contains("Service/misspelt: spec.selectr is not a field of v1 Service")
			.contains("Widget/unknown: unknown apiVersion example.com/v1")
			.contains("DeploymentSpec/a-part: unknown kind DeploymentSpec in apps/v1");
	}

	@Test
	void everyApplicationRunsUnprivilegedOnAReadOnlyFilesystem() {
		Manifests base = Manifests.of(Manifests.BASE);

		for (String application : APPLICATIONS) {
			Map<String, Object> deployment = base.get("Deployment", application);
			Map<String, Object> pod = podSpec(deployment);
			Map<String, Object> container = container(deployment);
			assertThat(labels(deployment)).as(application)
				.containsEntry("app.kubernetes.io/name", application)
				.containsEntry("app.kubernetes.io/part-of", "meet");
			assertThat(map(at(deployment, "spec", "template", "metadata", "labels"))).as(application)
				.containsEntry("app.kubernetes.io/name", application)
				.containsEntry("app.kubernetes.io/part-of", "meet");
			assertThat(container.get("image")).as(application).isEqualTo("meet/" + application + ":0.1.0-SNAPSHOT");
			assertThat(map(pod.get("securityContext"))).as(application)
				.containsEntry("runAsNonRoot", true)
				.containsEntry("runAsUser", 10001)
				.containsEntry("runAsGroup", 10001)
				.containsEntry("fsGroup", 10001)
				.containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
			assertThat(pod).as(application)
				.containsEntry("automountServiceAccountToken", false)
				.containsEntry("terminationGracePeriodSeconds", 45);
			assertThat(map(container.get("securityContext"))).as(application)
				.containsEntry("allowPrivilegeEscalation", false)
				.containsEntry("readOnlyRootFilesystem", true)
				.containsEntry("capabilities", Map.of("drop", List.of("ALL")));
			// Tomcat and multipart uploads write to /tmp
			assertThat(list(container.get("volumeMounts"))).as(application)
				.contains(Map.of("name", "tmp", "mountPath", "/tmp"));
			assertThat(list(pod.get("volumes")).stream().map(Yamls::map))
				.anySatisfy((volume) -> assertThat(volume).containsEntry("name", "tmp").containsKey("emptyDir"));
			assertThat(at(container, "lifecycle", "preStop", "sleep", "seconds")).as(application).isEqualTo(5);
		}
	}

	@Test
	void everyApplicationIsProbedOnTheManagementPort() {
		Manifests base = Manifests.of(Manifests.BASE);

		for (String application : APPLICATIONS) {
			Map<String, Object> container = container(base.get("Deployment", application));
			Map<String, Integer> ports = new TreeMap<>();
			list(container.get("ports")).stream()
				.map(Yamls::map)
				.forEach((port) -> ports.put((String) port.get("name"), (Integer) port.get("containerPort")));
			assertThat(ports).as(application).isEqualTo(Map.of("http", 8080, "management", 8081));
			Map<String, String> probes = Map.of("startupProbe", "/actuator/health/liveness", "livenessProbe",
					"/actuator/health/liveness", "readinessProbe", "/actuator/health/readiness");
			probes.forEach((probe, path) -> {
				Map<String, Object> httpGet = map(at(container, probe, "httpGet"));
				assertThat(httpGet.get("path")).as(application + " " + probe).isEqualTo(path);
				Object port = httpGet.get("port");
				assertThat((port instanceof String named) ? ports.get(named) : port).as(application + " " + probe)
					.isEqualTo(8081);
			});
			Map<String, Object> startup = map(container.get("startupProbe"));
			assertThat((Integer) startup.get("failureThreshold") * (Integer) startup.get("periodSeconds"))
				.as(application + " has two minutes to start")
				.isGreaterThanOrEqualTo(120);
		}
	}

	@Test
	void everyApplicationHasMemoryForItsLargestRequestsAndNoCpuLimit() {
		Manifests base = Manifests.of(Manifests.BASE);
		// 25 MiB chat attachments and 16 MiB recording chunks in flight
		Map<String, String> limits = Map.of("gateway", "768Mi", "auth-service", "768Mi", "meeting-service", "768Mi",
				"chat-service", "1Gi", "signaling-service", "768Mi", "recording-service", "1Gi");

		for (String application : APPLICATIONS) {
			Map<String, Object> resources = map(container(base.get("Deployment", application)).get("resources"));
			assertThat(map(resources.get("requests"))).as(application)
				.isEqualTo(Map.of("cpu", "250m", "memory", "512Mi"));
			// a CPU limit throttles the JIT and GC at startup
			assertThat(map(resources.get("limits"))).as(application)
				.isEqualTo(Map.of("memory", limits.get(application)));
		}
	}

	@Test
	void theApplicationsThatFollowTheLoadAutoscaleAndNoneLosesMoreThanOnePodAtATime() {
		Manifests base = Manifests.of(Manifests.BASE);

		assertThat(base.ofKind("HorizontalPodAutoscaler").stream().map(Manifests::name))
			.containsExactlyInAnyOrderElementsOf(AUTOSCALED);
		for (String application : AUTOSCALED) {
			Map<String, Object> autoscaler = base.get("HorizontalPodAutoscaler", application);
			assertThat(map(at(autoscaler, "spec", "scaleTargetRef")))
				.isEqualTo(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", application));
			assertThat(map(autoscaler.get("spec"))).containsEntry("minReplicas", 2).containsEntry("maxReplicas", 10);
			assertThat(list(at(autoscaler, "spec", "metrics"))).containsExactly(Map.of("type", "Resource", "resource",
					Map.of("name", "cpu", "target", Map.of("type", "Utilization", "averageUtilization", 70))));
		}
		for (String application : APPLICATIONS) {
			// an autoscaler owns its Deployment's count: applying again leaves it alone
			assertThat(at(base.get("Deployment", application), "spec", "replicas")).as(application)
				.isEqualTo(AUTOSCALED.contains(application) ? null : 2);
			Map<String, Object> budget = base.get("PodDisruptionBudget", application);
			assertThat(at(budget, "spec", "maxUnavailable")).as(application).isEqualTo(1);
			assertThat(map(at(budget, "spec", "selector", "matchLabels"))).as(application)
				.isEqualTo(Map.of("app.kubernetes.io/name", application));
		}
		assertThat(base.ofKind("PodDisruptionBudget")).hasSameSizeAs(APPLICATIONS);
	}

	@Test
	void onlyTheGatewayIsReachableThroughTheIngressAndEveryApplicationByItsService() {
		Manifests base = Manifests.of(Manifests.BASE);

		assertThat(base.ofKind("Ingress")).hasSize(1);
		Map<String, Object> ingress = base.ofKind("Ingress").getFirst();
		assertThat(map(at(ingress, "metadata", "annotations")))
			.containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
			.containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600")
			.containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off")
			.containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "26m");
		List<Object> backends = new ArrayList<>();
		collect(ingress.get("spec"), "backend", backends);
		assertThat(backends).isNotEmpty()
			.allSatisfy((backend) -> assertThat(map(backend))
				.isEqualTo(Map.of("service", Map.of("name", "gateway", "port", Map.of("name", "http")))));
		for (String application : APPLICATIONS) {
			Map<String, Object> service = base.get("Service", application);
			assertThat(map(at(service, "spec", "selector"))).isEqualTo(Map.of("app.kubernetes.io/name", application));
			assertThat(list(at(service, "spec", "ports")))
				.contains(Map.of("name", "http", "port", 8080, "targetPort", "http"));
		}
	}

	@Test
	void secretsComeFromMeetSecretsWhichTheBaseLeavesToTheTeam() throws IOException {
		Manifests base = Manifests.of(Manifests.BASE);
		Set<String> envExample = envExample().keySet();

		assertThat(base.ofKind("Secret")).as("the base holds no Secret").isEmpty();
		List<Object> references = new ArrayList<>();
		collect(base.objects(), "secretKeyRef", references);
		assertThat(references).isNotEmpty().allSatisfy((reference) -> {
			assertThat(map(reference)).containsEntry("name", "meet-secrets");
			assertThat(envExample).contains((String) map(reference).get("key"));
		});
		assertThat(references.stream().map(Yamls::map).filter((reference) -> reference.containsKey("optional")))
			.as("only TURN is optional")
			.containsExactly(Map.of("name", "meet-secrets", "key", "ICE_TURN_SECRET", "optional", true));
	}

	@Test
	void everySettingTakenFromTheConfigMapIsInItAndEveryOneInItIsTaken() {
		Manifests base = Manifests.of(Manifests.BASE);
		Map<String, Object> settings = map(base.get("ConfigMap", "meet-settings").get("data"));

		List<Object> references = new ArrayList<>();
		collect(base.objects(), "configMapKeyRef", references);

		assertThat(references).isNotEmpty()
			.allSatisfy((reference) -> assertThat(map(reference)).containsEntry("name", "meet-settings"));
		assertThat(references.stream().map((reference) -> (String) map(reference).get("key")).distinct())
			.containsExactlyInAnyOrderElementsOf(settings.keySet());
	}

	@Test
	void eachApplicationGetsTheVariablesComposeGivesIt() throws IOException {
		Manifests base = Manifests.of(Manifests.BASE);
		Map<String, Object> settings = map(base.get("ConfigMap", "meet-settings").get("data"));
		Map<String, String> envExample = envExample();
		ComposeFile compose = ComposeFile.resolved();

		for (String application : APPLICATIONS) {
			Map<String, String> expected = new TreeMap<>(compose.environment(application));
			Map<String, Object> actual = new TreeMap<>();
			list(container(base.get("Deployment", application)).get("env")).stream()
				.map(Yamls::map)
				.forEach((variable) -> actual.put((String) variable.get("name"), variable));
			// a signaling instance's name for the others: its pod's
			if (application.equals("signaling-service")) {
				assertThat(actual.remove("MEET_INSTANCE")).isEqualTo(Map.of("name", "MEET_INSTANCE", "valueFrom",
						Map.of("fieldRef", Map.of("fieldPath", "metadata.name"))));
			}
			assertThat(actual.keySet()).as(application).containsExactlyElementsOf(expected.keySet());
			actual.forEach((name, entry) -> {
				Map<String, Object> variable = map(entry);
				String secret = (String) at(variable, "valueFrom", "secretKeyRef", "key");
				String setting = (String) at(variable, "valueFrom", "configMapKeyRef", "key");
				if (secret != null) {
					// the key whose value in .env.example compose gives the variable
					assertThat(envExample.get(secret)).as(application + " " + name).isEqualTo(expected.get(name));
				}
				else if (setting != null) {
					assertThat(setting).as(application).isEqualTo(name);
					if (!DEPLOYMENT_ADDRESSES.contains(name)) {
						assertThat(settings.get(setting)).as(application + " " + name).isEqualTo(expected.get(name));
					}
				}
				else {
					assertThat(variable.get("value")).as(application + " " + name).isEqualTo(expected.get(name));
				}
			});
		}
	}

	@Test
	void eachApplicationTakesAndMakesOnlyTheConnectionsItNeeds() {
		Network network = new Network(Manifests.of(Manifests.BASE));
		Set<String> dns = Set.of("kube-dns:53/udp", "kube-dns:53");
		// requests and the gateway's readiness checks; Prometheus scrapes every
		// application
		Set<String> fromGateway = Set.of("gateway:8080", "gateway:8081", "prometheus:8081");
		Set<String> everyApplication = APPLICATIONS.stream()
			.map((application) -> application + ":8080")
			.collect(Collectors.toSet());
		Map<String, Set<String>> ingress = Map.ofEntries(entry("gateway", Set.of("anyone:8080", "prometheus:8081")),
				// the keys (JWKS) for every application, service tokens for
				// signaling-service
				entry("auth-service", union(fromGateway, everyApplication)),
				entry("meeting-service", union(fromGateway, Set.of("signaling-service:8080"))),
				entry("chat-service", fromGateway), entry("signaling-service", fromGateway),
				entry("recording-service", fromGateway));
		Set<String> toServices = new TreeSet<>();
		APPLICATIONS.stream()
			.filter((application) -> !application.equals("gateway"))
			.forEach((service) -> toServices.addAll(Set.of(service + ":8080", service + ":8081")));
		Map<String, Set<String>> egress = Map.ofEntries(entry("gateway", union(toServices, Set.of("redis:6379"))),
				entry("auth-service", Set.of("postgres:5432", "redis:6379", "kafka:9092", "minio:9000")),
				entry("meeting-service", Set.of("postgres:5432", "redis:6379", "kafka:9092")),
				entry("chat-service", Set.of("postgres:5432", "redis:6379", "kafka:9092", "minio:9000")),
				entry("signaling-service", Set.of("redis:6379", "kafka:9092", "meeting-service:8080")),
				entry("recording-service", Set.of("postgres:5432", "redis:6379", "kafka:9092", "minio:9000")));

		for (String application : APPLICATIONS) {
			assertThat(network.ingress(application)).as("who reaches " + application)
				.containsExactlyInAnyOrderElementsOf(ingress.get(application));
			// every application fetches auth-service's keys (JWKS) and resolves names
			assertThat(network.egress(application)).as("what " + application + " reaches")
				.containsExactlyInAnyOrderElementsOf(
						union(union(egress.get(application), dns), Set.of("auth-service:8080")));
		}
	}

	@Test
	void theDevOverlayRunsTheInfrastructureComposeRuns() throws IOException {
		Manifests dev = Manifests.of(Manifests.DEV);
		ComposeFile compose = ComposeFile.resolved();

		assertThat(dev.objects()).allSatisfy(
				(object) -> assertThat(at(object, "metadata", "namespace")).as(object.get("kind") + " " + name(object))
					.isEqualTo(object.get("kind").equals("Namespace") ? null : "meet-dev"));
		for (String infrastructure : INFRASTRUCTURE) {
			Map<String, Object> statefulSet = dev.get("StatefulSet", infrastructure);
			assertThat(container(statefulSet).get("image")).as(infrastructure)
				.isEqualTo(compose.service(infrastructure).get("image"));
			assertThat(map(at(dev.get("Service", infrastructure), "spec", "selector")))
				.isEqualTo(Map.of("app.kubernetes.io/name", infrastructure))
				.isEqualTo(map(at(statefulSet, "spec", "selector", "matchLabels")));
		}
		assertThat(container(dev.get("Job", "minio-buckets")).get("image"))
			.isEqualTo(compose.service("minio-buckets").get("image"));
		Map<String, String> kafka = new TreeMap<>();
		list(container(dev.get("StatefulSet", "kafka")).get("env")).stream()
			.map(Yamls::map)
			.forEach((variable) -> kafka.put((String) variable.get("name"), (String) variable.get("value")));
		assertThat(kafka).isEqualTo(compose.environment("kafka"));
		// the PostgreSQL init files are the ones docker-compose.yml mounts
		Map<String, Object> init = dev.ofKind("ConfigMap")
			.stream()
			.filter((configMap) -> name(configMap).startsWith("postgres-init"))
			.findFirst()
			.orElseThrow();
		assertThat(map(init.get("data")))
			.isEqualTo(Map.of("postgres-init.sh", Files.readString(ComposeFile.POSTGRES_INIT), "bootstrap.sql",
					Files.readString(ComposeFile.bootstrapSql())));
		for (String application : APPLICATIONS) {
			assertThat(container(dev.get("Deployment", application)).get("image"))
				.isEqualTo("meet/" + application + ":dev");
		}
	}

	@Test
	void theDevOverlaysReferencesResolveAndItsSecretsAreFitForTheServices() throws IOException {
		Manifests dev = Manifests.of(Manifests.DEV);
		Map<String, Map<String, Object>> secrets = new LinkedHashMap<>();
		dev.ofKind("Secret").forEach((secret) -> secrets.put(name(secret), map(secret.get("data"))));
		Map<String, Map<String, Object>> configMaps = new LinkedHashMap<>();
		dev.ofKind("ConfigMap").forEach((configMap) -> configMaps.put(name(configMap), map(configMap.get("data"))));

		List<Object> secretReferences = new ArrayList<>();
		collect(dev.objects(), "secretKeyRef", secretReferences);
		assertThat(secretReferences).isNotEmpty().allSatisfy((reference) -> {
			Map<String, Object> secret = secrets.get((String) map(reference).get("name"));
			assertThat(secret).as("%s", reference).isNotNull();
			if (!Boolean.TRUE.equals(map(reference).get("optional"))) {
				assertThat(secret).as("%s", reference).containsKey((String) map(reference).get("key"));
			}
		});
		List<Object> settingReferences = new ArrayList<>();
		collect(dev.objects(), "configMapKeyRef", settingReferences);
		assertThat(settingReferences).isNotEmpty()
			.allSatisfy(
					(reference) -> assertThat(configMaps.get((String) map(reference).get("name"))).as("%s", reference)
						.containsKey((String) map(reference).get("key")));
		List<Object> volumes = new ArrayList<>();
		collect(dev.objects(), "configMap", volumes);
		assertThat(volumes).isNotEmpty()
			.allSatisfy((volume) -> assertThat(configMaps).containsKey((String) map(volume).get("name")));

		assertThat(secrets).hasSize(1);
		Set<String> envExample = envExample().keySet();
		secrets.values().iterator().next().forEach((key, encoded) -> {
			byte[] value = Base64.getDecoder().decode((String) encoded);
			assertThat(envExample).contains(key);
			if (key.equals("AUTH_KEY_ENCRYPTION_KEY")) {
				assertThat(Base64.getDecoder().decode(value)).as(key + " is 32 bytes, base64").hasSize(32);
			}
			else {
				// what postgres-init.sh accepts, and not the placeholders the services
				// refuse
				assertThat(new String(value, StandardCharsets.UTF_8)).as(key)
					.matches("[A-Za-z0-9._~-]{16,}")
					.doesNotStartWith("change-me");
			}
		});
	}

	private static Commands.Result validate(Path rendered) {
		Commands.npmLibrary("yaml", YAML_VERSION);
		return Commands.nodeScript("validate-k8s.mjs",
				Commands.npmLibrary("kubernetes-models", KUBERNETES_MODELS_VERSION), rendered);
	}

	/** Every variable .env.example sets, with its value there. */
	private static Map<String, String> envExample() throws IOException {
		Map<String, String> variables = new TreeMap<>();
		Pattern variable = Pattern.compile("^([A-Z][A-Z0-9_]*)=(.*)$");
		for (String line : Files.readAllLines(ComposeFile.ENV_EXAMPLE)) {
			Matcher matcher = variable.matcher(line);
			if (matcher.matches()) {
				variables.put(matcher.group(1), matcher.group(2));
			}
		}
		return variables;
	}

	/** Every value of the key, at any depth. */
	private static void collect(Object yaml, String key, List<Object> values) {
		if (yaml instanceof Map<?, ?> map) {
			map.forEach((name, value) -> {
				if (key.equals(name)) {
					values.add(value);
				}
				collect(value, key, values);
			});
		}
		else if (yaml instanceof List<?> items) {
			items.forEach((item) -> collect(item, key, values));
		}
	}

	private static Set<String> union(Set<String> first, Set<String> second) {
		return Stream.concat(first.stream(), second.stream()).collect(Collectors.toCollection(TreeSet::new));
	}

	/**
	 * What the network policies let through, worked out as a cluster would: between the
	 * applications, the infrastructure (in the same namespace), Prometheus in another
	 * namespace, the cluster's DNS in kube-system, and anyone else, as {@code peer:port}
	 * ({@code /udp} for UDP).
	 */
	private record Network(List<Map<String, Object>> policies, Map<String, Pod> pods) {

		private static final String NAMESPACE = "meet";

		Network(Manifests manifests) {
			this(manifests.ofKind("NetworkPolicy"), pods(manifests));
		}

		private static Map<String, Pod> pods(Manifests manifests) {
			Map<String, Pod> pods = new LinkedHashMap<>();
			for (String application : APPLICATIONS) {
				pods.put(application, new Pod(NAMESPACE, Map.of(),
						map(at(manifests.get("Deployment", application), "spec", "template", "metadata", "labels"))));
			}
			for (String infrastructure : INFRASTRUCTURE) {
				pods.put(infrastructure,
						new Pod(NAMESPACE, Map.of(), Map.of("app.kubernetes.io/name", infrastructure)));
			}
			pods.put("prometheus", new Pod("monitoring", Map.of("kubernetes.io/metadata.name", "monitoring"),
					Map.of("app.kubernetes.io/name", "prometheus")));
			pods.put("kube-dns", new Pod("kube-system", Map.of("kubernetes.io/metadata.name", "kube-system"),
					Map.of("k8s-app", "kube-dns")));
			pods.put("anyone", new Pod("elsewhere", Map.of("kubernetes.io/metadata.name", "elsewhere"), Map.of()));
			return pods;
		}

		Set<String> ingress(String application) {
			return allowed(application, "Ingress", "ingress", "from");
		}

		Set<String> egress(String application) {
			return allowed(application, "Egress", "egress", "to");
		}

		private Set<String> allowed(String application, String type, String rulesKey, String peersKey) {
			Pod pod = this.pods.get(application);
			List<Map<String, Object>> applying = this.policies.stream()
				.filter((policy) -> list(at(policy, "spec", "policyTypes")).contains(type))
				.filter((policy) -> matches(map(at(policy, "spec", "podSelector")), pod.labels()))
				.toList();
			Set<String> allowed = new TreeSet<>();
			if (applying.isEmpty()) {
				// no policy: everything
				allowed.add("anyone:*");
			}
			for (Map<String, Object> policy : applying) {
				for (Object rule : list(at(policy, "spec", rulesKey))) {
					List<Object> peers = list(map(rule).get(peersKey));
					List<String> ports = list(map(rule).get("ports")).stream()
						.map(Yamls::map)
						.map((port) -> port.get("port") + ("UDP".equals(port.get("protocol")) ? "/udp" : ""))
						.toList();
					List<String> names = peers.isEmpty() ? List.of("anyone")
							: this.pods.keySet()
								.stream()
								.filter((name) -> peers.stream()
									.anyMatch((selector) -> selects(map(selector), this.pods.get(name))))
								.toList();
					names.forEach((name) -> (ports.isEmpty() ? List.of("*") : ports)
						.forEach((port) -> allowed.add(name + ":" + port)));
				}
			}
			return allowed;
		}

		private static boolean selects(Map<String, Object> peer, Pod pod) {
			Object namespaces = peer.get("namespaceSelector");
			boolean namespace = (namespaces != null) ? matches(map(namespaces), pod.namespaceLabels())
					: pod.namespace().equals(NAMESPACE);
			Object pods = peer.get("podSelector");
			if (peer.containsKey("ipBlock")) {
				throw new AssertionError("ipBlock peers are not worked out here: " + peer);
			}
			return namespace && (pods == null || matches(map(pods), pod.labels()));
		}

		private static boolean matches(Map<String, Object> selector, Map<String, Object> labels) {
			if (selector.containsKey("matchExpressions")) {
				throw new AssertionError("matchExpressions are not worked out here: " + selector);
			}
			return labels.entrySet().containsAll(map(selector.get("matchLabels")).entrySet());
		}

		private record Pod(String namespace, Map<String, Object> namespaceLabels, Map<String, Object> labels) {

		}

	}

}
