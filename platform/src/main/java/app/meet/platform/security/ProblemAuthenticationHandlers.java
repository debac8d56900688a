package app.meet.platform.security;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import app.meet.platform.problem.Problems;
import app.meet.platform.web.RequestIds;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 from the security filters as problem+json, like every other error. */
class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final JsonMapper json;

	ProblemAuthenticationHandlers(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		if (exception instanceof AuthenticationServiceException) {
			// the token could not be checked (the key set could not be fetched): not the
			// client's fault, and worth trying again
			response.setHeader("Retry-After", "5");
			write(request, response, Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
					"The token cannot be checked now; try again in a few seconds", "service-unavailable"));
			return;
		}
		write(request, response,
				Problems.of(HttpStatus.UNAUTHORIZED, "A valid access token is required", "unauthorized"));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		write(request, response, Problems.of(HttpStatus.FORBIDDEN, "Not allowed", "forbidden"));
	}

	private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		problem.setInstance(URI.create(request.getRequestURI()));
		Problems.complete(problem, response.getHeader(RequestIds.HEADER));
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		if (problem.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
			response.setHeader("WWW-Authenticate", "Bearer");
		}
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
