package app.meet.platform.web;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import app.meet.platform.problem.Problems;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Completes every problem a handler returns, whichever feature mapped it, with the
 * members the frontend reads ({@code code}, {@code error}, {@code message},
 * {@code request_id}) and the problem+json media type, so that features only choose
 * status, detail and code.
 */
@RestControllerAdvice
class ProblemDetailCompletion implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
			Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem) {
			String requestId = null;
			if (request instanceof ServletServerHttpRequest servletRequest) {
				HttpServletRequest servlet = servletRequest.getServletRequest();
				requestId = RequestIdFilter.requestId(servlet);
				if (problem.getInstance() == null) {
					problem.setInstance(URI.create(servlet.getRequestURI()));
				}
			}
			Problems.complete(problem, requestId);
			response.setStatusCode(org.springframework.http.HttpStatusCode.valueOf(problem.getStatus()));
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		return body;
	}

}
