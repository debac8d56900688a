package app.meet.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event catalogue (docs/asyncapi.yaml) is a valid AsyncAPI 3 document, as the
 * AsyncAPI initiative's own parser reads it, with no warnings, and names every topic.
 * That every event the services publish matches it is checked end to end
 * (EventCatalogueEndToEndTests).
 */
class EventCatalogueTests {

	static final Path CATALOGUE = Commands.PROJECT_ROOT.resolve("docs").resolve("asyncapi.yaml");

	private static final String PARSER_VERSION = "3.6.6";

	@Test
	void theCatalogueParsesWithoutWarningsAndNamesEveryTopic() {
		Commands.Result parsed = parse(CATALOGUE);

		assertThat(parsed.exitCode()).as(parsed.output()).isZero();
		assertThat(parsed.output()).contains("parsed AsyncAPI 3.")
			.contains("auth.events: meet.user.registered meet.user.updated")
			.contains("meeting.events: meet.meeting.created meet.meeting.started meet.meeting.updated "
					+ "meet.meeting.ended meet.participant.joined meet.participant.left meet.participant.updated "
					+ "meet.participant.removed")
			.contains("chat.events: meet.chat.message.created")
			.contains("recording.events: meet.recording.started meet.recording.stopped")
			.doesNotContain("error ", "warning ");
	}

	@Test
	void theParserSpeaksUpWhenItShould(@TempDir Path directory) throws IOException {
		Path broken = Files.writeString(directory.resolve("asyncapi.yaml"), Files.readString(CATALOGUE)
			.replace("$ref: '#/components/schemas/Meeting'", "$ref: '#/components/schemas/NoSuchSchema'"));

		Commands.Result parsed = parse(broken);

		assertThat(parsed.exitCode()).isEqualTo(1);
		assertThat(parsed.output()).contains("error ").contains("NoSuchSchema");
	}

	private static Commands.Result parse(Path document) {
		return Commands.nodeScript("validate-asyncapi.mjs", Commands.npmLibrary("@asyncapi/parser", PARSER_VERSION),
				document);
	}

}
