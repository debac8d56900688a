package app.meet.meeting.admission;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import app.meet.devstack.Stack;
import app.meet.devstack.test.WebSliceUser;
import app.meet.meeting.moderation.ModerationRefusedException;
import app.meet.meeting.participants.Participation;
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
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The waiting room's calls in the web layer alone, the host's over REST and
 * signaling-service's internal ones: bad input reaches no service, and a refused decision
 * keeps its status and code.
 */
@WebMvcTest({ AdmissionController.class, InternalMeetingController.class })
@AutoConfigureMockMvc(addFilters = false)
@ImportAutoConfiguration({ JsonConventionsAutoConfiguration.class, ServletConventionsAutoConfiguration.class })
@ActiveProfiles(Stack.DEVELOPMENT_PROFILE)
@ExtendWith(WebSliceUser.class)
@Import(WebSliceUser.PrincipalArguments.class)
class AdmissionControllerWebTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private AdmissionService admissions;

	@MockitoBean
	private Participation participation;

	@MockitoBean
	private UserDirectory users;

	@Test
	void aDecisionOnARemovedUserKeepsItsCode() throws Exception {
		UUID host = WebSliceUser.signIn();
		UUID meeting = UUID.randomUUID();
		UUID guest = UUID.randomUUID();
		given(this.admissions.admit(meeting, guest, host))
			.willThrow(new ModerationRefusedException(ModerationRefusedException.Reason.REMOVED));

		this.mvc.perform(post("/api/meetings/{id}/participants/{userId}/admit", meeting, guest))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("participant-removed"));
	}

	@Test
	void aKnockNeedsAUsernameOfAtMostThirtyAndANameIfAnyOfAtMostAHundred() throws Exception {
		String path = "/internal/meetings/" + UUID.randomUUID() + "/admissions/" + UUID.randomUUID() + "/knock";
		this.mvc
			.perform(post(path).contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"" + "u".repeat(31) + "\",\"name\":\"\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("validation-failed"))
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("username", "name")));
		verifyNoInteractions(this.admissions, this.users);
	}

	@Test
	void aDecisionNamesWhoDecidesAndTheWaitingListIsTheOnlyList() throws Exception {
		UUID meeting = UUID.randomUUID();
		this.mvc
			.perform(post("/internal/meetings/{id}/admissions/{userId}/admit", meeting, UUID.randomUUID())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("by"));
		this.mvc.perform(get("/internal/meetings/{id}/admissions", meeting).param("state", "admitted"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("validation-failed"));
		verifyNoInteractions(this.admissions);
	}

}
