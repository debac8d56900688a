package app.meet.devstack.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.TryCatchBlock;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How every service is cut, checked on its classes: its feature packages (Spring
 * Modulith's application modules) depend on each other without cycles; it uses no other
 * service's code, only its own, {@code platform}'s and the {@code events} contract; its
 * web layer never touches JDBC; and the module diagrams committed under
 * {@code docs/modules/} are the ones its code yields. A service's test extends this,
 * naming its application class. When a service's modules change on purpose,
 * {@code -Dmeet.modules.update=true} writes the new diagrams there.
 */
public abstract class ServiceStructureTests {

	private static final boolean UPDATE = Boolean.getBoolean("meet.modules.update");

	private static final String WEB_ANNOTATIONS = "org.springframework.web.bind.annotation.";

	private final ApplicationModules modules;

	private final JavaClasses classes;

	private final String service;

	private final String basePackage;

	/**
	 * @param application the service's {@code @SpringBootApplication} class
	 * @param service the service's module name, which names its documentation folder
	 */
	protected ServiceStructureTests(Class<?> application, String service) {
		this.modules = ApplicationModules.of(application);
		this.basePackage = application.getPackageName();
		this.classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(this.basePackage);
		this.service = service;
	}

	@Test
	protected void featurePackagesDependOnEachOtherWithoutCycles() {
		this.modules.verify();
	}

	@Test
	protected void usesOnlyItsOwnCodeThePlatformAndTheEventContract() {
		noClasses().should()
			.dependOnClassesThat(resideInAPackage("app.meet..")
				.and(resideOutsideOfPackages(this.basePackage + "..", "app.meet.platform..", "app.meet.events..")))
			.because("services share only the platform and the event contract; the rest goes over HTTP or Kafka")
			.check(this.classes);
	}

	@Test
	protected void webCodeNeverTouchesJdbc() {
		noClasses().that()
			.areAnnotatedWith(WEB_ANNOTATIONS + "RestController")
			.or()
			.areAnnotatedWith(WEB_ANNOTATIONS + "RestControllerAdvice")
			.or()
			.areAnnotatedWith("org.springframework.stereotype.Controller")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..")
			.because("controllers speak HTTP and leave storage to the services and repositories behind them")
			.allowEmptyShould(true)
			.check(this.classes);
	}

	/**
	 * A public type is a promise to other packages; one that only its own package uses is
	 * package-private, so that a reader sees at once what a feature offers. Using a
	 * type's nested types, or catching it, counts as using it.
	 */
	@Test
	protected void onlyWhatAnotherPackageUsesIsPublic() {
		Set<String> caughtElsewhere = caughtOutsideTheirPackage(this.classes);
		classes().that()
			.arePublic()
			.and()
			.areTopLevelClasses()
			.and()
			.areNotAnnotations()
			.and()
			.areNotAssignableTo(Throwable.class)
			.and()
			.areNotAnnotatedWith("org.springframework.boot.autoconfigure.SpringBootApplication")
			.and()
			.areNotAnnotatedWith("org.springframework.boot.context.properties.ConfigurationProperties")
			.should(beUsedFromAnotherPackage(this.classes, caughtElsewhere))
			.allowEmptyShould(true)
			.check(this.classes);
	}

	private static ArchCondition<JavaClass> beUsedFromAnotherPackage(JavaClasses all, Set<String> caughtElsewhere) {
		return new ArchCondition<>("be used from another package") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				boolean usedElsewhere = caughtElsewhere.contains(type.getName()) || all.stream()
					.filter((candidate) -> candidate.equals(type)
							|| candidate.getName().startsWith(type.getName() + "$"))
					.flatMap((member) -> member.getDirectDependenciesToSelf().stream())
					.anyMatch((
							dependency) -> !dependency.getOriginClass().getPackageName().equals(type.getPackageName()));
				if (!usedElsewhere) {
					events.add(SimpleConditionEvent.violated(type,
							type.getName() + " is public, but only its own package uses it"));
				}
			}

		};
	}

	/** The exceptions a class of another package catches. */
	private static Set<String> caughtOutsideTheirPackage(JavaClasses all) {
		Set<String> caught = new HashSet<>();
		for (JavaClass type : all) {
			for (JavaCodeUnit unit : type.getCodeUnits()) {
				for (TryCatchBlock block : unit.getTryCatchBlocks()) {
					block.getCaughtThrowables()
						.stream()
						.filter((throwable) -> !throwable.getPackageName().equals(type.getPackageName()))
						.forEach((throwable) -> caught.add(throwable.getName()));
				}
			}
		}
		return caught;
	}

	@Test
	protected void theModuleDocumentationInDocsIsTheOneTheCodeYields() throws IOException {
		Path generated = Path.of("target", "modules");
		new Documenter(this.modules, Documenter.Options.defaults().withOutputFolder(generated.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		Path committed = Path.of("..", "docs", "modules", this.service);
		if (UPDATE) {
			update(committed, generated);
		}
		assertThat(documents(committed))
			.as("docs/modules/%s differs from the modules the code yields (%s); review the change and write it with "
					+ "-Dmeet.modules.update=true", this.service, generated.toAbsolutePath())
			.isEqualTo(documents(generated));
	}

	/**
	 * Writes the documents that say something new and deletes those no longer generated;
	 * one whose relations only came in another order is left as it is.
	 */
	private static void update(Path committed, Path generated) throws IOException {
		Files.createDirectories(committed);
		Map<String, List<String>> wanted = documents(generated);
		Map<String, List<String>> present = documents(committed);
		for (String name : present.keySet()) {
			if (!wanted.containsKey(name)) {
				delete(committed.resolve(name));
			}
		}
		wanted.forEach((name, lines) -> {
			if (!lines.equals(present.get(name))) {
				write(committed.resolve(name), read(generated.resolve(name)));
			}
		});
	}

	/**
	 * Each document's lines, sorted: the Documenter writes a diagram's relations and a
	 * canvas's lists in the order it meets them, which changes with the classes, not with
	 * what they say.
	 */
	private static Map<String, List<String>> documents(Path folder) throws IOException {
		Map<String, List<String>> documents = new TreeMap<>();
		if (Files.isDirectory(folder)) {
			try (Stream<Path> files = Files.list(folder)) {
				for (Path file : files.filter(ServiceStructureTests::isDocument).toList()) {
					documents.put(file.getFileName().toString(),
							read(file).lines().map(ServiceStructureTests::listItem).sorted().toList());
				}
			}
		}
		return documents;
	}

	/**
	 * A canvas cell's first list item starts with the cell's {@code |}: the same item.
	 */
	private static String listItem(String line) {
		return line.startsWith("|* ") ? line.substring(1) : line;
	}

	private static boolean isDocument(Path file) {
		return file.toString().endsWith(".puml") || file.toString().endsWith(".adoc");
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(Path file, String text) {
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path file) {
		try {
			Files.delete(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
