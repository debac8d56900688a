package app.meet.chat.message;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageControllerTests {

	@Test
	void fileNamesLoseTheirPathControlCharactersAndDirectionOverrides() {
		assertThat(MessageController.fileName("../../etc/passwd")).isEqualTo("passwd");
		assertThat(MessageController.fileName("C:\\Users\\ann\\notes.txt")).isEqualTo("notes.txt");
		assertThat(MessageController.fileName("a\u0000b\nc.txt")).isEqualTo("abc.txt");
		assertThat(MessageController.fileName("\u202Etxt.exe")).isEqualTo("txt.exe");
		assertThat(MessageController.fileName("\u2067report\u2069 \u05D3\u05D5\u05D7.pdf"))
			.isEqualTo("report \u05D3\u05D5\u05D7.pdf");
		assertThat(MessageController.fileName("..")).isEqualTo("file");
		assertThat(MessageController.fileName(null)).isEqualTo("file");
		assertThat(MessageController.fileName("x".repeat(300))).hasSize(255);
	}

	@Test
	void onlyWellFormedConcreteTypesAreKept() {
		assertThat(MessageController.contentType("Text/HTML")).isEqualTo("text/html");
		assertThat(MessageController.contentType("image/*")).isEqualTo("application/octet-stream");
		assertThat(MessageController.contentType("not a type")).isEqualTo("application/octet-stream");
		assertThat(MessageController.contentType(null)).isEqualTo("application/octet-stream");
	}

}
