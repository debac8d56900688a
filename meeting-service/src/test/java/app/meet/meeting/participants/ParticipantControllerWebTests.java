package app.meet.meeting.participants;

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
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Joining, leaving, one's own state and the list, in the web layer alone: bad input is a
 * 400 problem and reaches no service; a refused join keeps the codes the frontend reads
 * (never 409, which it takes for "already in").
 */
@WebMvcTest(ParticipantController.class)
@AutoConfigureMockMvc(addFilters = false)
@ImportAutoConfiguration({ JsonConventionsAutoConfiguration.class, ServletConventionsAutoConfiguration.class })
@ActiveProfiles(Stack.DEVELOPMENT_PROFILE)
@ExtendWith(WebSliceUser.class)
@Import(WebSliceUser.PrincipalArguments.class)
class ParticipantControllerWebTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private Participation participation;

	@MockitoBean
	private UserDirectory users;

	@Test
	void aJoinWithoutACodeOrWithAnOverlongOneIsRefused() throws Exception {
		WebSliceUser.signIn();
		this.mvc.perform(post("/api/meetings/join").contentType(MediaType.APPLICATION_JSON).content("{\"code\":\" \"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("validation-failed"))
			.andExpect(jsonPath("$.errors[0].field").value("code"));
		this.mvc
			.perform(post("/api/meetings/join").contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"" + "a".repeat(41) + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("code"));
		verifyNoInteractions(this.participation);
	}

	@Test
	void aStateOfTheWrongTypeOrAnUnknownListFilterIsRefused() throws Exception {
		WebSliceUser.signIn();
		UUID meeting = UUID.randomUUID();
		this.mvc
			.perform(patch("/api/meetings/{id}/participants/me", meeting).contentType(MediaType.APPLICATION_JSON)
				.content("{\"is_muted\":\"yes\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("malformed-request"));
		this.mvc.perform(get("/api/meetings/{id}/participants", meeting).param("include", "everyone"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("validation-failed"));
		this.mvc.perform(get("/api/meetings/{id}/participants", "not-a-meeting-id"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(this.participation);
	}

	@Test
	void aRefusedJoinKeepsTheCodesTheFrontendReads() throws Exception {
		WebSliceUser.signIn();
		given(this.users.remember(any())).willReturn(UUID.randomUUID());
		given(this.participation.join(any(), any()))
			.willThrow(new JoinRefusedException(JoinRefusedException.Reason.FULL))
			.willThrow(new JoinRefusedException(JoinRefusedException.Reason.ENDED))
			.willThrow(new JoinRefusedException(JoinRefusedException.Reason.NOT_ADMITTED));
		String body = "{\"code\":\"abc-defg-hij\"}";

		this.mvc.perform(post("/api/meetings/join").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("meeting-full"));
		this.mvc.perform(post("/api/meetings/join").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isGone())
			.andExpect(jsonPath("$.code").value("meeting-ended"));
		this.mvc.perform(post("/api/meetings/join").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("not-admitted"));
	}

}
