package app.meet.recording.recordings;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import app.meet.devstack.Stack;
import app.meet.devstack.test.WebSliceUser;
import app.meet.platform.json.JsonConventionsAutoConfiguration;
import app.meet.platform.web.ServletConventionsAutoConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The recording calls in the web layer alone: a chunk number out of range reaches no
 * service, and playback answers ranges, revalidation and a range past the end as HTTP
 * says.
 */
@WebMvcTest(RecordingController.class)
@AutoConfigureMockMvc(addFilters = false)
@ImportAutoConfiguration({ JsonConventionsAutoConfiguration.class, ServletConventionsAutoConfiguration.class })
@ActiveProfiles(Stack.DEVELOPMENT_PROFILE)
@ExtendWith(WebSliceUser.class)
@Import(WebSliceUser.PrincipalArguments.class)
class RecordingControllerWebTests {

	private static final byte[] MEDIA = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private Recordings recordings;

	@MockitoBean
	private ChunkUploads uploads;

	@Test
	void aChunkNumberOutOfRangeOrAMalformedIdReachesNoService() throws Exception {
		WebSliceUser.signIn();
		UUID recording = UUID.randomUUID();
		this.mvc
			.perform(put("/api/recordings/{id}/chunks/{seq}", recording, -1).contentType("video/webm")
				.content(new byte[] { 1 }))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("validation-failed"));
		this.mvc
			.perform(put("/api/recordings/{id}/chunks/{seq}", recording, Integer.MAX_VALUE).contentType("video/webm")
				.content(new byte[] { 1 }))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(put("/api/recordings/{id}/chunks/{seq}", "not-a-recording", 0).contentType("video/webm")
				.content(new byte[] { 1 }))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(this.uploads, this.recordings);
	}

	@Test
	void aRangeIsServedAsAskedAndTheWholeWithoutOne() throws Exception {
		Recording recording = ready(WebSliceUser.signIn());

		this.mvc.perform(get("/api/recordings/{id}/media", recording.id()).header(HttpHeaders.RANGE, "bytes=5-9"))
			.andExpect(status().isPartialContent())
			.andExpect(header().string(HttpHeaders.CONTENT_RANGE, "bytes 5-9/20"))
			.andExpect(header().string(HttpHeaders.ACCEPT_RANGES, "bytes"))
			.andExpect(header().longValue(HttpHeaders.CONTENT_LENGTH, 5))
			.andExpect(content().contentType("video/webm"))
			.andExpect(content().bytes("56789".getBytes(StandardCharsets.US_ASCII)));
		this.mvc.perform(get("/api/recordings/{id}/media", recording.id()))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist(HttpHeaders.CONTENT_RANGE))
			.andExpect(content().bytes(MEDIA));
	}

	@Test
	void aCachedCopyIsRevalidatedAndARangeOfOtherMediaGetsAllOfIt() throws Exception {
		Recording recording = ready(WebSliceUser.signIn());
		String entityTag = "\"" + recording.id() + "-" + MEDIA.length + "\"";

		this.mvc.perform(get("/api/recordings/{id}/media", recording.id()).header(HttpHeaders.IF_NONE_MATCH, entityTag))
			.andExpect(status().isNotModified());
		this.mvc
			.perform(get("/api/recordings/{id}/media", recording.id()).header(HttpHeaders.RANGE, "bytes=5-9")
				.header(HttpHeaders.IF_RANGE, "\"" + recording.id() + "-10\""))
			.andExpect(status().isOk())
			.andExpect(content().bytes(MEDIA));
	}

	@Test
	void aRangePastTheEndIsUnsatisfiableAndSaysTheSize() throws Exception {
		Recording recording = ready(WebSliceUser.signIn());

		this.mvc.perform(get("/api/recordings/{id}/media", recording.id()).header(HttpHeaders.RANGE, "bytes=20-"))
			.andExpect(status().isRequestedRangeNotSatisfiable())
			.andExpect(header().string(HttpHeaders.CONTENT_RANGE, "bytes */20"))
			.andExpect(jsonPath("$.code").value("range-not-satisfiable"));
	}

	private Recording ready(UUID viewer) throws Exception {
		Instant now = Instant.now();
		Recording recording = new Recording(UUID.randomUUID(), UUID.randomUUID(), viewer, Recording.READY,
				now.minusSeconds(60), now, MEDIA.length, "video/webm", "recordings/key", null, 3, now);
		given(this.recordings.watchable(recording.id(), viewer)).willReturn(recording);
		given(this.recordings.mediaSize(recording)).willReturn((long) MEDIA.length);
		given(this.recordings.openMedia(eq(recording), anyLong(), anyLong())).willAnswer((call) -> {
			int first = (int) call.<Long>getArgument(1).longValue();
			int length = (int) call.<Long>getArgument(2).longValue();
			return new ByteArrayInputStream(MEDIA, first, length);
		});
		return recording;
	}

}
