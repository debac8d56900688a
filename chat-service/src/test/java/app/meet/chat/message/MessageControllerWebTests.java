package app.meet.chat.message;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import app.meet.devstack.Stack;
import app.meet.devstack.test.WebSliceUser;
import app.meet.platform.json.JsonConventionsAutoConfiguration;
import app.meet.platform.users.UserDirectory;
import app.meet.platform.web.ServletConventionsAutoConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Messages and files in the web layer alone: a blank, overlong or non-text message, an
 * empty file and a page of no messages are 400 naming the field and reach no service; a
 * meeting without chat is 403 {@code chat-disabled}.
 */
@WebMvcTest(MessageController.class)
@AutoConfigureMockMvc(addFilters = false)
@ImportAutoConfiguration({ JsonConventionsAutoConfiguration.class, ServletConventionsAutoConfiguration.class })
@ActiveProfiles(Stack.DEVELOPMENT_PROFILE)
@ExtendWith(WebSliceUser.class)
@Import(WebSliceUser.PrincipalArguments.class)
class MessageControllerWebTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private MessageService messages;

	@MockitoBean
	private UserDirectory users;

	@Test
	void aBlankOverlongOrNonTextMessageNamesItsFieldAndPostsNothing() throws Exception {
		WebSliceUser.signIn();
		String path = "/api/meetings/" + UUID.randomUUID() + "/messages";
		for (String body : new String[] { "{\"content\":\"  \\n \"}", "{}",
				"{\"content\":\"" + "é".repeat(MessageController.MAX_CONTENT_LENGTH + 1) + "\"}" }) {
			this.mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("validation-failed"))
				.andExpect(jsonPath("$.errors[0].field").value("content"));
		}
		this.mvc
			.perform(post(path).contentType(MediaType.APPLICATION_JSON)
				.content("{\"content\":\"hi\",\"type\":\"system\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("type"));
		verifyNoInteractions(this.messages, this.users);
	}

	@Test
	void anEmptyFileOrAPageOfNoMessagesIsRefused() throws Exception {
		WebSliceUser.signIn();
		UUID meeting = UUID.randomUUID();
		this.mvc
			.perform(multipart("/api/meetings/{id}/files", meeting).file(new MockMultipartFile("file", new byte[0])))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"));
		this.mvc.perform(get("/api/meetings/{id}/messages", meeting).param("limit", "101"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("validation-failed"));
		verifyNoInteractions(this.messages);
	}

	@Test
	void aMessageOfAsManyCharactersAsAllowedIsPostedStripped() throws Exception {
		UUID user = WebSliceUser.signIn();
		UUID meeting = UUID.randomUUID();
		String longest = "é".repeat(MessageController.MAX_CONTENT_LENGTH);
		given(this.users.remember(any())).willReturn(user);
		given(this.messages.post(eq(meeting), eq(user), eq(longest))).willThrow(new ChatDisabledException());

		this.mvc
			.perform(post("/api/meetings/{id}/messages", meeting).contentType(MediaType.APPLICATION_JSON)
				.content("{\"content\":\"  " + longest + "\\n\"}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("chat-disabled"));
	}

}
