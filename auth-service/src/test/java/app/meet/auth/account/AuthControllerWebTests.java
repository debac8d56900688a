package app.meet.auth.account;

import org.junit.jupiter.api.Test;

import app.meet.auth.token.TokenService;
import app.meet.devstack.Stack;
import app.meet.platform.json.JsonConventionsAutoConfiguration;
import app.meet.platform.web.ServletConventionsAutoConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The account calls' validation, in the web layer alone: bad input is a 400 problem with
 * code {@code validation-failed} naming each bad field in the wire's snake_case, and
 * reaches no service. (Security is the platform's, checked end to end.)
 */
@WebMvcTest(AuthController.class)
@AutoConfigureMockMvc(addFilters = false)
@ImportAutoConfiguration({ JsonConventionsAutoConfiguration.class, ServletConventionsAutoConfiguration.class })
@ActiveProfiles(Stack.DEVELOPMENT_PROFILE)
class AuthControllerWebTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private AccountService accounts;

	@MockitoBean
	private TokenService tokens;

	@Test
	void aRegistrationWithBadFieldsNamesEachAndCreatesNothing() throws Exception {
		this.mvc
			.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\":\"not-an-email\",\"username\":\"a b\",\"password\":\"short\",\"name\":\" \"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("validation-failed"))
			.andExpect(
					jsonPath("$.errors[*].field").value(containsInAnyOrder("email", "username", "password", "name")));
		verifyNoInteractions(this.accounts);
	}

	@Test
	void aLoginWithoutEmailOrUsernameIsRefused() throws Exception {
		this.mvc
			.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
				.content("{\"password\":\"correct horse battery\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("validation-failed"));
		verifyNoInteractions(this.accounts);
	}

	@Test
	void aRefreshWithoutItsTokenOrWithTheWrongTypeIsRefused() throws Exception {
		this.mvc
			.perform(post("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON)
				.content("{\"refresh_token\":\"\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("refresh_token"));
		this.mvc
			.perform(
					post("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON).content("{\"refresh_token\":42}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("validation-failed"));
		this.mvc.perform(post("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON).content("{not json"))
			.andExpect(status().isBadRequest());
		verifyNoInteractions(this.accounts);
	}

}
