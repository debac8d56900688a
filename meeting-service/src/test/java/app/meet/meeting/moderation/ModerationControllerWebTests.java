package app.meet.meeting.moderation;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import app.meet.devstack.Stack;
import app.meet.devstack.test.WebSliceUser;
import app.meet.meeting.meetings.ParticipantRole;
import app.meet.platform.json.JsonConventionsAutoConfiguration;
import app.meet.platform.web.ServletConventionsAutoConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the host and moderators do to others, in the web layer alone: only
 * {@code moderator} and {@code guest} are roles one can give, and each refusal has its
 * status and code.
 */
@WebMvcTest(ModerationController.class)
@AutoConfigureMockMvc(addFilters = false)
@ImportAutoConfiguration({ JsonConventionsAutoConfiguration.class, ServletConventionsAutoConfiguration.class })
@ActiveProfiles(Stack.DEVELOPMENT_PROFILE)
@ExtendWith(WebSliceUser.class)
@Import(WebSliceUser.PrincipalArguments.class)
class ModerationControllerWebTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ModerationService moderation;

	@Test
	void theHostRoleCannotBeGivenAndARoleIsRequired() throws Exception {
		WebSliceUser.signIn();
		String path = "/api/meetings/" + UUID.randomUUID() + "/participants/" + UUID.randomUUID() + "/role";
		for (String body : new String[] { "{\"role\":\"host\"}", "{\"role\":\"MODERATOR\"}", "{}" }) {
			this.mvc.perform(put(path).contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("validation-failed"))
				.andExpect(jsonPath("$.errors[0].field").value("role"));
		}
		verifyNoInteractions(this.moderation);
	}

	@Test
	void aRoleIsPassedOnAsWhatItNames() throws Exception {
		UUID host = WebSliceUser.signIn();
		UUID meeting = UUID.randomUUID();
		UUID guest = UUID.randomUUID();
		given(this.moderation.changeRole(meeting, guest, ParticipantRole.MODERATOR, host))
			.willThrow(new ModerationRefusedException(ModerationRefusedException.Reason.HOST_ROLE_FIXED));

		this.mvc
			.perform(put("/api/meetings/{id}/participants/{userId}/role", meeting, guest)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"role\":\"moderator\"}"))
			.andExpect(status().is(ModerationRefusedException.Reason.HOST_ROLE_FIXED.status().value()))
			.andExpect(jsonPath("$.code").value(ModerationRefusedException.Reason.HOST_ROLE_FIXED.code()));
	}

	@Test
	void aRefusedRemovalHasItsStatusAndCode() throws Exception {
		UUID by = WebSliceUser.signIn();
		UUID meeting = UUID.randomUUID();
		given(this.moderation.remove(eq(meeting), any(), eq(by)))
			.willThrow(new ModerationRefusedException(ModerationRefusedException.Reason.HOST_NOT_REMOVABLE));

		this.mvc.perform(post("/api/meetings/{id}/participants/{userId}/remove", meeting, UUID.randomUUID()))
			.andExpect(status().is(ModerationRefusedException.Reason.HOST_NOT_REMOVABLE.status().value()))
			.andExpect(jsonPath("$.code").value(ModerationRefusedException.Reason.HOST_NOT_REMOVABLE.code()));
	}

}
