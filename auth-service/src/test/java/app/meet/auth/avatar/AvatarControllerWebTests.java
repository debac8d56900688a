package app.meet.auth.avatar;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Optional;
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
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Avatars in the web layer alone: an upload without its file part reaches no service, one
 * that is no image is 400 {@code unsupported-image}, a user without a picture is a 404
 * problem, and a picture is served inline, cacheable and never sniffed.
 */
@WebMvcTest(AvatarController.class)
@AutoConfigureMockMvc(addFilters = false)
@ImportAutoConfiguration({ JsonConventionsAutoConfiguration.class, ServletConventionsAutoConfiguration.class })
@ActiveProfiles(Stack.DEVELOPMENT_PROFILE)
@ExtendWith(WebSliceUser.class)
@Import(WebSliceUser.PrincipalArguments.class)
class AvatarControllerWebTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private AvatarService avatars;

	@Test
	void anUploadWithoutItsFilePartReachesNoService() throws Exception {
		WebSliceUser.signIn();
		this.mvc.perform(multipart("/api/auth/me/avatar").file(new MockMultipartFile("picture", new byte[] { 1 }))
			.with((request) -> {
				request.setMethod("PUT");
				return request;
			}))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(this.avatars);
	}

	@Test
	void anUploadThatIsNoImageIsRefusedByName() throws Exception {
		UUID user = WebSliceUser.signIn();
		given(this.avatars.upload(eq(user), any(InputStream.class))).willThrow(new AvatarService.NotAnImageException());

		this.mvc.perform(multipart("/api/auth/me/avatar")
			.file(new MockMultipartFile("file", "notes.txt", "text/plain", "hello".getBytes()))
			.with((request) -> {
				request.setMethod("PUT");
				return request;
			})).andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("unsupported-image"));
	}

	@Test
	void aUserWithoutAPictureIsANotFoundProblem() throws Exception {
		UUID user = UUID.randomUUID();
		given(this.avatars.download(user)).willReturn(Optional.empty());

		this.mvc.perform(get("/api/users/{id}/avatar", user))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("avatar-not-found"));
	}

	@Test
	void aPictureIsServedInlineCacheableAndNeverSniffed() throws Exception {
		UUID user = UUID.randomUUID();
		byte[] png = { (byte) 0x89, 'P', 'N', 'G' };
		given(this.avatars.download(user)).willReturn(Optional
			.of(new AvatarService.Avatar(new ByteArrayInputStream(png), "image/png", "users/" + user + "/v2")));

		this.mvc.perform(get("/api/users/{id}/avatar", user))
			.andExpect(status().isOk())
			.andExpect(content().contentType("image/png"))
			.andExpect(content().bytes(png))
			.andExpect(header().string(HttpHeaders.ETAG, "\"v2\""))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=86400, public"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, "inline"));
	}

}
