package app.meet.meeting.meetings;

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

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Creating, listing, changing and ending meetings, in the web layer alone: bad input is a
 * 400 problem naming each bad field in the wire's snake_case and reaches no service; the
 * refusals every feature may give keep their status and code.
 */
@WebMvcTest(MeetingController.class)
@AutoConfigureMockMvc(addFilters = false)
@ImportAutoConfiguration({ JsonConventionsAutoConfiguration.class, ServletConventionsAutoConfiguration.class })
@ActiveProfiles(Stack.DEVELOPMENT_PROFILE)
@ExtendWith(WebSliceUser.class)
@Import(WebSliceUser.PrincipalArguments.class)
class MeetingControllerWebTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private MeetingService meetings;

	@MockitoBean
	private UserDirectory users;

	@Test
	void aMeetingWithBadFieldsNamesEachAndCreatesNothing() throws Exception {
		WebSliceUser.signIn();
		this.mvc
			.perform(post("/api/meetings").contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\" \",\"max_users\":1,\"scheduled_at\":\"2020-01-01T00:00:00Z\","
						+ "\"settings\":{\"empty_timeout_seconds\":-1}}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("validation-failed"))
			.andExpect(jsonPath("$.errors[*].field")
				.value(containsInAnyOrder("title", "max_users", "scheduled_at", "settings.empty_timeout_seconds")));
		verifyNoInteractions(this.meetings, this.users);
	}

	@Test
	void aChangeToABlankTitleOrAPageOfNoMeetingsIsRefused() throws Exception {
		WebSliceUser.signIn();
		this.mvc
			.perform(patch("/api/meetings/{id}", UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"  \"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("title"));
		this.mvc.perform(get("/api/meetings").param("limit", "0"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("validation-failed"));
		this.mvc.perform(get("/api/meetings/code/{code}", "x".repeat(41)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("validation-failed"));
		verifyNoInteractions(this.meetings);
	}

	@Test
	void theRefusalsEveryFeatureMayGiveKeepTheirStatusAndCode() throws Exception {
		UUID user = WebSliceUser.signIn();
		UUID meeting = UUID.randomUUID();
		given(this.meetings.get(meeting, user)).willThrow(new MeetingNotFoundException())
			.willThrow(new NotModeratorException());
		given(this.meetings.update(eq(meeting), eq(user), any())).willThrow(new NotHostException())
			.willThrow(new MeetingEndedException());

		this.mvc.perform(get("/api/meetings/{id}", meeting))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("meeting-not-found"));
		this.mvc.perform(get("/api/meetings/{id}", meeting))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("not-moderator"));
		this.mvc.perform(patch("/api/meetings/{id}", meeting).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("not-host"));
		this.mvc.perform(patch("/api/meetings/{id}", meeting).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("meeting-ended"));
	}

}
