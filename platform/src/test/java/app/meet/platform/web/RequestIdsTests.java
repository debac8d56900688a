package app.meet.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTests {

	@Test
	void keepsASaneClientId() {
		assertThat(RequestIds.acceptOrCreate("frontend-4f1c.7:a_b")).isEqualTo("frontend-4f1c.7:a_b");
	}

	@Test
	void replacesMissingEmptyOverlongOrUnsafeIds() {
		assertThat(RequestIds.acceptOrCreate(null)).matches("[0-9a-f-]{36}");
		assertThat(RequestIds.acceptOrCreate("")).matches("[0-9a-f-]{36}");
		assertThat(RequestIds.acceptOrCreate("x".repeat(129))).matches("[0-9a-f-]{36}");
		assertThat(RequestIds.acceptOrCreate("abc\r\nSet-Cookie: a=b")).matches("[0-9a-f-]{36}");
		assertThat(RequestIds.acceptOrCreate("<script>")).matches("[0-9a-f-]{36}");
	}

}
