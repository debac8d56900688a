package app.meet.auth.account;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.meet.auth.token.TokenService;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/auth/**} and {@code /api/users/{id}}. */
@RestController
@Tag(name = "accounts", description = "Accounts, logins and profiles")
@RequestMapping
class AuthController {

	private final AccountService accounts;

	private final TokenService tokens;

	AuthController(AccountService accounts, TokenService tokens) {
		this.accounts = accounts;
		this.tokens = tokens;
	}

	@Operation(summary = "Create an account and log in")
	@PostMapping("/api/auth/register")
	@ResponseStatus(HttpStatus.CREATED)
	AuthResponse register(@Valid @RequestBody AccountRequests.Register request) {
		return this.accounts.register(request);
	}

	@Operation(summary = "Log in with email or username and password")
	@PostMapping("/api/auth/login")
	AuthResponse login(@Valid @RequestBody AccountRequests.Login request, HttpServletRequest http) {
		// as the gateway forwarded it; a caller that bypassed the gateway is known by its
		// own address (the platform's client address filter)
		return this.accounts.login(request, http.getRemoteAddr());
	}

	@Operation(summary = "Trade a refresh token for new tokens (each refresh token works once)")
	@PostMapping("/api/auth/refresh")
	AuthResponse refresh(@Valid @RequestBody AccountRequests.Refresh request) {
		return this.accounts.refresh(request.refreshToken());
	}

	@Operation(summary = "Log out: end this login, its refresh tokens and its access tokens")
	@PostMapping("/api/auth/logout")
	Map<String, String> logout(@AuthenticationPrincipal Jwt token,
			@Valid @RequestBody(required = false) AccountRequests.Logout request) {
		this.tokens.logout(token, (request != null) ? request.refreshToken() : null);
		return Map.of("message", "Logged out successfully");
	}

	@Operation(summary = "The signed-in user")
	@GetMapping("/api/auth/me")
	UserResponse me(@AuthenticationPrincipal Jwt token) {
		return UserResponse.forSelf(this.accounts.current(userId(token)));
	}

	@Operation(summary = "Change the signed-in user's name")
	@PatchMapping("/api/auth/me")
	UserResponse updateMe(@AuthenticationPrincipal Jwt token,
			@Valid @RequestBody AccountRequests.UpdateProfile request) {
		return UserResponse.forSelf(this.accounts.rename(userId(token), request.name()));
	}

	@Operation(summary = "Another user's public profile")
	@GetMapping("/api/users/{id}")
	UserResponse user(@PathVariable UUID id) {
		return UserResponse.forOthers(this.accounts.require(id));
	}

	static UUID userId(Jwt token) {
		return UUID.fromString(token.getSubject());
	}

}
